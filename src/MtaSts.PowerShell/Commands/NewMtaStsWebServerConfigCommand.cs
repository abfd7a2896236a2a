using System.Management.Automation;
using MtaSts.Diagnostics;
using MtaSts.Hosting;
using MtaSts.PowerShell.Internal;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// New-MtaStsWebServerConfig: the configuration of https://mta-sts.&lt;domain&gt; for nginx, Apache, Caddy, IIS,
    /// GitHub Pages or an Azure Static Web App, avoiding the common failures: the policy over HTTPS only, status 200,
    /// text/plain, no redirect, and nothing else served (RFC 8461 §3.3).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MtaStsWebServerConfig", HelpUri = HelpPages + "New-MtaStsWebServerConfig.md")]
    [OutputType(typeof(WebServerConfig))]
    public sealed class NewMtaStsWebServerConfigCommand : MtaStsCmdlet
    {
        // An int, not the engine's enum, as a field (see ModuleInitAndCleanup).
        private int server;

        /// <summary>The Policy Domain; the policy host is mta-sts.&lt;domain&gt;.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [PipelineText("Domain", "Domain")]
        public string[] Domain { get; set; } = System.Array.Empty<string>();

        /// <summary>The web server or static host.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public WebServerKind Server
        {
            get => (WebServerKind)server;
            set => server = (int)value;
        }

        /// <summary>The folder that holds .well-known/mta-sts.txt (Export-MtaStsPolicy -Path writes there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string WebRoot { get; set; } = "/var/www/mta-sts";

        /// <summary>The certificate chain file (nginx, Apache); default the Let's Encrypt path of the policy host.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>The private key file (nginx, Apache); default the Let's Encrypt path of the policy host.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyPath { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string domain in Domain)
            {
                try
                {
                    WriteObject(WebServerConfig.Create(domain, Server, WebRoot, CertificatePath, KeyPath));
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? domain);
                }
            }
        }
    }
}
