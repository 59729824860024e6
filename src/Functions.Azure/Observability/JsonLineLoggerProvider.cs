namespace Ember.Functions.Azure.Observability;

/// <summary>
/// Routes ASP.NET Core's own log messages (Kestrel errors, hosting) into the same JSON lines as the
/// request log, so stdout stays one JSON object per line. The default console logger is removed.
/// </summary>
internal sealed class JsonLineLoggerProvider(JsonLineWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class JsonLineLogger(JsonLineWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            writer.Write(LevelName(logLevel), "log", (category, message, exception), static (w, s) =>
            {
                w.WriteString("category", s.category);
                w.WriteString("message", s.message);
                if (s.exception is not null)
                {
                    w.WriteString("exception", s.exception.GetType().FullName);
                    w.WriteString("stack", s.exception.StackTrace);
                }
            });
        }

        private static string LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "fatal",
        };
    }
}
