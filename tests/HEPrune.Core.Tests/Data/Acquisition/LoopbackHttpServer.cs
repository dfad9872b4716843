using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HEPrune.Core.Tests.Data.Acquisition;

/// <summary>A minimal HTTP server on 127.0.0.1 (random free port) serving in-memory files; records every requested path.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackHttpServer(IReadOnlyDictionary<string, byte[]> files)
    {
        Files = new ConcurrentDictionary<string, byte[]>(files);
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(Serve);
    }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentDictionary<string, byte[]> Files { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string path = ctx.Request.Url!.AbsolutePath.TrimStart('/');
            Requests.Enqueue(path);
            if (Files.TryGetValue(path, out byte[]? body))
            {
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentLength64 = body.Length;
                await ctx.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                ctx.Response.StatusCode = 404;
            }

            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
