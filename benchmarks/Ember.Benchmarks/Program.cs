using BenchmarkDotNet.Running;

namespace Ember.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        // Input files for the batch measurements of docs/benchmarks.md (see Batch/BatchInputs.cs).
        if (args is ["make-batch-input", var kind, var rows, var path])
        {
            Batch.BatchInputs.Write(kind, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture), path);
            return;
        }
        if (args.Length > 0 && args[0] == "serving-coldload")
        {
            Serving.ColdLoadMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5).GetAwaiter().GetResult();
            return;
        }
        if (args is ["batch-ranged-input", var input, var parts, ..] && args.Length <= 4)
        {
            Batch.RangedInputMeasurement.RunAsync(input, int.Parse(parts, System.Globalization.CultureInfo.InvariantCulture),
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3).GetAwaiter().GetResult();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
