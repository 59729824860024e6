namespace Ember.Functions.Lambda;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("The Lambda bootstrap is not built yet.");
        return 1;
    }
}
