using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

// A small SMTP listener for the integration tests: banner, EHLO, and STARTTLS with a given certificate, or no
// STARTTLS at all. Each argument is one listener: <ip>:<port>=<certificate.pem>,<key.pem>[,sni] or <ip>:<port>=none;
// with ',sni' the handshake fails when the client sends no SNI (what RFC 8461 §7.1 forbids an MX to do).
// <ip>:<port>=hostile:<mode> is a hostile MX: 'endless-banner' sends 220- continuation lines as fast as the client
// reads them, 'endless-ehlo' answers EHLO with 250- lines that never end, 'drip' sends a 220- line every 200 ms forever.
// It accepts many sessions at once and never delivers mail.
var listeners = new List<Task>();
foreach (string spec in args)
{
    int equals = spec.IndexOf('=');
    var endPoint = IPEndPoint.Parse(spec.Substring(0, equals));
    string tls = spec.Substring(equals + 1);
    if (tls.StartsWith("hostile:", StringComparison.Ordinal))
    {
        var hostile = new TcpListener(endPoint);
        hostile.Start();
        listeners.Add(AcceptHostileAsync(hostile, tls.Substring("hostile:".Length)));
        continue;
    }

    SslStreamCertificateContext? certificate = null;
    bool requireSni = tls.EndsWith(",sni", StringComparison.Ordinal);
    if (tls != "none")
    {
        // The PEM holds the leaf, then its intermediates: all of them are sent, as a correctly configured MTA does.
        string[] files = tls.Split(',');
        using var pem = X509Certificate2.CreateFromPemFile(files[0], files[1]);
        var leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(files[0]);
        chain.RemoveAt(0);
        certificate = SslStreamCertificateContext.Create(leaf, chain, offline: true);
    }

    var listener = new TcpListener(endPoint);
    listener.Start();
    listeners.Add(AcceptAsync(listener, certificate, requireSni));
}

Console.WriteLine("ready");
await Task.WhenAll(listeners);

static async Task AcceptAsync(TcpListener listener, SslStreamCertificateContext? certificate, bool requireSni)
{
    while (true)
    {
        var client = await listener.AcceptTcpClientAsync();
        _ = Task.Run(() => ServeAsync(client, certificate, requireSni));
    }
}

static async Task AcceptHostileAsync(TcpListener listener, string mode)
{
    while (true)
    {
        var client = await listener.AcceptTcpClientAsync();
        _ = Task.Run(() => ServeHostileAsync(client, mode));
    }
}

static async Task ServeHostileAsync(TcpClient client, string mode)
{
    using (client)
    {
        try
        {
            Stream stream = client.GetStream();
            string filler = new string('x', 400);
            if (mode == "endless-ehlo")
            {
                await WriteAsync(stream, "220 stub.mtasts.test ESMTP hostile listener");
                await ReadLineAsync(stream);
            }

            string prefix = mode == "endless-ehlo" ? "250-" : "220-";
            byte[] line = Encoding.ASCII.GetBytes(prefix + filler + "\r\n");
            while (true)
            {
                await stream.WriteAsync(line);
                if (mode == "drip")
                {
                    await Task.Delay(200);
                }
            }
        }
        catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is SocketException)
        {
        }
    }
}

static async Task ServeAsync(TcpClient client, SslStreamCertificateContext? certificate, bool requireSni)
{
    using (client)
    {
        try
        {
            Stream stream = client.GetStream();
            await WriteAsync(stream, "220 stub.mtasts.test ESMTP test listener");
            bool secure = false;
            while (true)
            {
                string? line = await ReadLineAsync(stream);
                if (line == null)
                {
                    return;
                }

                string verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb == "EHLO")
                {
                    await WriteAsync(stream, certificate != null && !secure ? "250-stub.mtasts.test\r\n250-PIPELINING\r\n250 STARTTLS" : "250-stub.mtasts.test\r\n250 PIPELINING");
                }
                else if (verb == "STARTTLS" && certificate != null && !secure)
                {
                    await WriteAsync(stream, "220 2.0.0 Ready to start TLS");
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(
                        (_, hello, _, _) => requireSni && string.IsNullOrEmpty(hello.ServerName)
                            ? throw new AuthenticationException("no SNI")
                            : ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = certificate }),
                        null);
                    stream = tls;
                    secure = true;
                }
                else if (verb == "QUIT")
                {
                    await WriteAsync(stream, "221 2.0.0 Bye");
                    return;
                }
                else
                {
                    await WriteAsync(stream, "502 5.5.2 Not implemented");
                }
            }
        }
        catch (Exception ex) when (ex is IOException || ex is AuthenticationException || ex is ObjectDisposedException)
        {
        }
    }
}

static async Task WriteAsync(Stream stream, string reply)
{
    byte[] bytes = Encoding.ASCII.GetBytes(reply + "\r\n");
    await stream.WriteAsync(bytes);
    await stream.FlushAsync();
}

static async Task<string?> ReadLineAsync(Stream stream)
{
    var line = new StringBuilder();
    var one = new byte[1];
    while (await stream.ReadAsync(one) == 1)
    {
        if (one[0] == '\n')
        {
            return line.ToString().TrimEnd('\r');
        }

        line.Append((char)one[0]);
    }

    return null;
}
