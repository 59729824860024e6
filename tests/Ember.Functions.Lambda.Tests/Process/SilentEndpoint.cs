using System.Net;
using System.Net.Sockets;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// A store endpoint that accepts connections and never answers, so a request to it stays in
/// flight until <see cref="Close"/> resets every connection (and refuses new ones).
/// </summary>
internal sealed class SilentEndpoint : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentEndpoint()
    {
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    public string Endpoint { get; }

    /// <summary>Completes when the first request's connection arrives.</summary>
    public Task FirstConnection => _firstConnection.Task;

    public void Close()
    {
        _listener.Stop();
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.LingerState = new LingerOption(true, 0); // a reset, not a graceful close
                socket.Dispose();
            }
            _held.Clear();
        }
    }

    public void Dispose() => Close();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_held)
                    _held.Add(socket);
                _firstConnection.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Closed.
        }
    }
}
