using System.CommandLine;
using System.Text;
using System.Text.Json;
using Ember.Parquet;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember parquet schema FILE` prints a file's schema; `ember parquet cat FILE [--head N]` prints
/// its rows as JSON lines. FILE may also be a Spark folder of part files.
/// </summary>
internal static class ParquetCommand
{
    public static Command Create()
    {
        var command = new Command("parquet", "Inspect Parquet files (batch inputs and outputs, model data).");
        command.Subcommands.Add(SchemaCommand());
        command.Subcommands.Add(CatCommand());
        return command;
    }

    private static Command SchemaCommand()
    {
        var file = new Argument<string>("file") { Description = "A Parquet file, or a folder of part files." };
        var command = new Command("schema", "Print the schema, row count, row groups and writer of a Parquet file.") { file };
        command.SetAction(parse => Schema(parse.GetValue(file)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command CatCommand()
    {
        var file = new Argument<string>("file") { Description = "A Parquet file, or a folder of part files." };
        var head = new Option<int?>("--head") { Description = "Print only the first N rows." };
        var command = new Command("cat", "Print rows as JSON lines: dates and timestamps in ISO 8601 (UTC ends in Z), decimals as strings, binary as base64, NaN and infinities as strings.") { file, head };
        command.SetAction(parse => Cat(parse.GetValue(file)!, parse.GetValue(head), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Schema(string path, TextWriter output, TextWriter error)
    {
        try
        {
            string file = Directory.Exists(path) ? FirstPart(path) : path;
            using var reader = ParquetFileReader.Open(file);
            output.Write(reader.Schema.ToString());
            output.WriteLine($"rows: {reader.RowCount}");
            output.WriteLine($"row groups: {reader.RowGroupCount}");
            if (reader.CreatedBy is { } createdBy)
                output.WriteLine($"created by: {createdBy}");
            return 0;
        }
        catch (ParquetException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    public static int Cat(string path, int? head, TextWriter output, TextWriter error)
    {
        if (head is < 0)
        {
            error.WriteLine("--head must be 0 or more");
            return 2;
        }
        try
        {
            var records = Directory.Exists(path) ? ParquetDirectory.ReadRecords(path) : ReadFile(path);
            long limit = head ?? long.MaxValue;
            long n = 0;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var record in records)
            {
                if (n++ >= limit)
                    break;
                buffer.Clear();
                json.Reset(buffer);
                ParquetJson.WriteValue(json, record);
                json.Flush();
                output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
            return 0;
        }
        catch (ParquetException ex)
        {
            output.Flush();
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static IEnumerable<ParquetRecord> ReadFile(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        foreach (var record in reader.ReadRecords())
            yield return record;
    }

    private static string FirstPart(string folder)
    {
        foreach (string part in ParquetDirectory.ListPartFiles(folder))
            if (new FileInfo(part).Length > 0)
                return part;
        throw new ParquetException(folder, null, "the folder holds no Parquet part file");
    }
}
