using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the cmdlets that look at live deployments share: the domain input (by value and by property name), the
    /// resolver, trust and timeout options, and a bounded number of domains checked at once with each result written
    /// as soon as it is ready. Every check gets its own options object; the checks of one run share one resolver, which
    /// asks a question once while it is on its way and keeps found answers for their TTL (many domains share MX and
    /// policy hosts).
    /// Results travel as object: a cmdlet type must load without the engine (see ModuleInitAndCleanup), so no engine
    /// type may appear as a generic argument of a base class.
    /// </summary>
    public abstract class LiveCheckCmdlet : MtaStsCmdlet, IDisposable
    {
        private readonly BlockingCollection<Completion> completions = new BlockingCollection<Completion>();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private ProgressReporter? progress;
        private Lazy<IDnsLookup>? runLookup;
        private readonly LearnedRoots learnedRoots = new LearnedRoots();
        private CultureInfo? culture;
        private CultureInfo? uiCulture;
        private int running;
        private int submitted;
        private int finished;

        /// <summary>The policy domains, for example example.com; piped strings and objects with a Domain property bind.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "DomainName", "PolicyDomain")]
        [ValidateNotNullOrEmpty]
        [PipelineText("Domain", "Domain", "Name", "DomainName", "PolicyDomain")]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>DNS servers to ask instead of the system's resolvers: an IP address, with :port if not 53 ([v6]:port for IPv6).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoCompleter))]
        public string[]? DnsServer { get; set; }

        /// <summary>Root certificates to trust besides the system's (a private PKI or a staging CA): certificates, or paths to PEM/DER files.</summary>
        [Parameter]
        [CertificateTransformation]
        public X509Certificate2[]? TrustedRootCertificate { get; set; }

        /// <summary>Seconds each DNS query, connection, TLS handshake and HTTP exchange may take.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>How many domains are checked at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        private protected IReadOnlyList<IPEndPoint> DnsServers { get; private set; } = Array.Empty<IPEndPoint>();

        protected override void BeginProcessing()
        {
            culture = CultureInfo.CurrentCulture;
            uiCulture = CultureInfo.CurrentUICulture;
            DnsServers = ReadDnsServers(DnsServer);
            var servers = DnsServers;
            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            var token = stopping.Token;
            runLookup = new Lazy<IDnsLookup>(() => new SharedDnsLookup(new DnsClientLookup(servers, timeout), token));
        }

        protected override void ProcessRecord()
        {
            foreach (string domain in Domain)
            {
                while (running >= ThrottleLimit)
                {
                    Emit(Take());
                }

                Start(domain.Trim());
                while (completions.TryTake(out var done))
                {
                    Emit(done);
                }
            }
        }

        protected override void EndProcessing()
        {
            while (running > 0)
            {
                Emit(Take());
            }

            progress?.Complete();

            Finish();
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Cancels checks still running when the pipeline ends early, and frees what they wait on.</summary>
        public void Dispose()
        {
            stopping.Cancel();
            stopping.Dispose();
            completions.Dispose();
        }

        /// <summary>The options of one check, built anew for each domain, with the run's resolver.</summary>
        private protected CheckOptions NewOptions()
        {
            var lookup = runLookup!;
            return new CheckOptions
            {
                DnsServers = DnsServers,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                TrustedRoots = TrustedRootCertificate ?? Array.Empty<X509Certificate2>(),
                DnsFactory = _ => lookup.Value,
                LearnedRoots = learnedRoots,
            };
        }

        /// <summary>Checks one domain on a worker thread; must not touch the pipeline.</summary>
        private protected abstract Task<object> RunAsync(string domain, CancellationToken cancellationToken);

        /// <summary>
        /// A check's task as Task&lt;object&gt;. Generic, so that no state machine of this assembly names an engine type
        /// until it runs.
        /// </summary>
        private protected static async Task<object> AsObject<T>(Task<T> check)
            where T : notnull => await check.ConfigureAwait(false);

        /// <summary>Writes one finished result, on the pipeline thread.</summary>
        private protected abstract void Write(string domain, object result);

        /// <summary>Runs after the last result was written.</summary>
        private protected virtual void Finish()
        {
        }

        private void Start(string domain)
        {
            running++;
            submitted++;
            var ui = uiCulture;
            var current = culture;
            Task.Run(async () =>
            {
                CultureInfo.CurrentUICulture = ui!;
                CultureInfo.CurrentCulture = current!;
                Completion done;
                try
                {
                    done = new Completion(domain, await RunAsync(domain, stopping.Token).ConfigureAwait(false), null);
                }
                catch (Exception ex)
                {
                    done = new Completion(domain, null, ex);
                }

                try
                {
                    completions.Add(done);
                }
                catch (ObjectDisposedException)
                {
                    // The pipeline was stopped and the cmdlet disposed; nobody waits for this result any more.
                }
            });
        }

        private Completion Take()
        {
            try
            {
                return completions.Take(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Emit(Completion done)
        {
            running--;
            finished++;
            if (done.Failure is OperationCanceledException && stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (done.Failure != null)
            {
                WriteError(new ErrorRecord(done.Failure, "MtaStsCheckFailed", ErrorCategory.NotSpecified, done.Domain)
                {
                    ErrorDetails = new ErrorDetails(Messages.Format("CheckFailed", done.Domain, done.Failure.Message)),
                });
            }
            else
            {
                Write(done.Domain, done.Result!);
            }

            if (submitted > 1)
            {
                progress ??= new ProgressReporter(this, Messages.Get("CheckProgressActivity"));
                progress.Report(() => Messages.Format("CheckProgressStatus", finished, submitted), done.Domain);
            }
        }

        private readonly record struct Completion(string Domain, object? Result, Exception? Failure);
    }
}
