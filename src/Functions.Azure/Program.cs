namespace Ember.Functions.Azure;

internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.MapGet("/api/health", () => Results.Text("{\"status\":\"ok\"}", "application/json"));
        app.Run();
    }
}
