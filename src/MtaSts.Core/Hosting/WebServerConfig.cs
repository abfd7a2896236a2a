using System;
using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Resources;

namespace MtaSts.Hosting
{
    /// <summary>
    /// The configuration of the policy host https://mta-sts.&lt;domain&gt; for one web server, written so that senders
    /// get what RFC 8461 §3.3 asks: the policy over HTTPS only, status 200, Content-Type text/plain, no redirect, and
    /// nothing else served.
    /// </summary>
    public sealed class WebServerConfig
    {
        private WebServerConfig(string domain, WebServerKind server, string fileName, string text, bool tested)
        {
            Domain = domain;
            Server = server;
            FileName = fileName;
            Text = text;
            Tested = tested;
        }

        public string Domain { get; }

        /// <summary>The host name senders fetch the policy from: mta-sts.&lt;domain&gt;.</summary>
        public string PolicyHost => WellKnownNames.PolicyHost(Domain);

        public WebServerKind Server { get; }

        /// <summary>Where the text goes: a file name, or the file of the web root.</summary>
        public string FileName { get; }

        public string Text { get; }

        /// <summary>Served and checked with Test-MtaStsDomain in this module's integration tests (nginx, Apache, Caddy).</summary>
        public bool Tested { get; }

        public override string ToString() => Text;

        /// <summary>The configuration for <paramref name="server"/>; the certificate and key paths apply to nginx and Apache.</summary>
        public static WebServerConfig Create(string domain, WebServerKind server, string webRoot, string? certificatePath = null, string? keyPath = null)
        {
            string name = MtaStsPolicy.NormalizeDomain(domain ?? throw new ArgumentNullException(nameof(domain)));
            string host = WellKnownNames.PolicyHost(name);
            string certificate = certificatePath ?? "/etc/letsencrypt/live/" + host + "/fullchain.pem";
            string key = keyPath ?? "/etc/letsencrypt/live/" + host + "/privkey.pem";
            CheckPath(webRoot, "WebRoot");
            CheckPath(certificate, "CertificatePath");
            CheckPath(key, "KeyPath");
            string comment = Messages.Format("WebConfigComment", host);
            switch (server)
            {
                case WebServerKind.Nginx:
                    return new WebServerConfig(name, server, host + ".conf", Lines(
                        "# " + comment,
                        "server {",
                        "    listen 443 ssl;",
                        "    listen [::]:443 ssl;",
                        "    server_name " + host + ";",
                        "    ssl_certificate " + certificate + ";",
                        "    ssl_certificate_key " + key + ";",
                        "    root " + webRoot + ";",
                        "    location = " + WellKnownNames.PolicyPath + " {",
                        "        types { }",
                        "        default_type \"text/plain; charset=utf-8\";",
                        "    }",
                        "    location / {",
                        "        return 404;",
                        "    }",
                        "}"), tested: true);
                case WebServerKind.Apache:
                    return new WebServerConfig(name, server, host + ".conf", Lines(
                        "# " + comment,
                        "<VirtualHost *:443>",
                        "    ServerName " + host,
                        "    DocumentRoot \"" + webRoot + "\"",
                        "    SSLEngine on",
                        "    SSLCertificateFile \"" + certificate + "\"",
                        "    SSLCertificateKeyFile \"" + key + "\"",
                        "    <Directory \"" + webRoot + "\">",
                        "        Require all denied",
                        "        AllowOverride None",
                        "    </Directory>",
                        "    <Location \"" + WellKnownNames.PolicyPath + "\">",
                        "        Require all granted",
                        "        ForceType \"text/plain; charset=utf-8\"",
                        "    </Location>",
                        "</VirtualHost>"), tested: true);
                case WebServerKind.Caddy:
                    return new WebServerConfig(name, server, "Caddyfile", Lines(
                        "# " + comment,
                        host + " {",
                        "    root * " + webRoot,
                        "    @policy path " + WellKnownNames.PolicyPath,
                        "    handle @policy {",
                        "        header Content-Type \"text/plain; charset=utf-8\"",
                        "        file_server",
                        "    }",
                        "    handle {",
                        "        respond 404",
                        "    }",
                        "}"), tested: true);
                case WebServerKind.IIS:
                    return new WebServerConfig(name, server, "web.config", Lines(
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                        "<!-- " + comment + " " + Messages.Get("WebConfigIis") + " -->",
                        "<configuration>",
                        "  <system.webServer>",
                        "    <staticContent>",
                        "      <remove fileExtension=\".txt\" />",
                        "      <mimeMap fileExtension=\".txt\" mimeType=\"text/plain; charset=utf-8\" />",
                        "    </staticContent>",
                        "    <httpRedirect enabled=\"false\" />",
                        "    <security>",
                        "      <access sslFlags=\"Ssl\" />",
                        "    </security>",
                        "  </system.webServer>",
                        "</configuration>"), tested: false);
                case WebServerKind.GitHubPages:
                    return new WebServerConfig(name, server, "_config.yml", Lines(
                        "# " + comment + " " + Messages.Format("WebConfigGitHubPages", host),
                        "include: [\".well-known\"]"), tested: false);
                case WebServerKind.AzureStaticWebApp:
                    return new WebServerConfig(name, server, "staticwebapp.config.json", Lines(
                        "{",
                        "  \"routes\": [",
                        "    { \"route\": \"" + WellKnownNames.PolicyPath + "\", \"headers\": { \"Content-Type\": \"text/plain; charset=utf-8\" } }",
                        "  ],",
                        "  \"mimeTypes\": { \".txt\": \"text/plain\" }",
                        "}"), tested: false);
                default:
                    throw new ArgumentOutOfRangeException(nameof(server), server, null);
            }
        }

        /// <summary>A path goes into the configuration as written: nothing in it may end a directive or start another.</summary>
        private static void CheckPath(string? path, string parameter)
        {
            if (string.IsNullOrEmpty(path) || path!.IndexOfAny(new[] { '"', '\'', ';', '{', '}', '<', '>', '#', '\r', '\n' }) >= 0 || path.Any(char.IsControl))
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.WebConfigPathInvalid, Severity.Error,
                    Messages.Format("WebConfigPathInvalid", Syntax.DisplayText.Escape(path ?? string.Empty, 200), parameter), "RFC 8461 §3.3", Target: path));
            }
        }

        private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
    }
}
