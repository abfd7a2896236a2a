using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// One run's resolver, shared by the checks of that run: a question asked while the same one is on its way waits
    /// for that answer, and a found answer is kept for its TTL (RFC 1035 §3.2.1), as a caching resolver would. Many
    /// domains share MX hosts and policy hosts, so those are asked once per run. Failures and empty answers carry no
    /// TTL of their own here and are never kept. The run ends with the instance: nothing outlives it.
    /// </summary>
    public sealed class SharedDnsLookup : IDnsLookup
    {
        /// <summary>Hostile or huge runs must not grow the cache without end; past this, questions pass through.</summary>
        public const int MaxEntries = 10000;

        private readonly IDnsLookup inner;
        private readonly CancellationToken runEnds;
        private readonly ConcurrentDictionary<(int Type, string Name), Entry> entries = new ConcurrentDictionary<(int, string), Entry>();

        /// <param name="inner">The resolver that sends the questions.</param>
        /// <param name="runEnds">Cancels questions still on their way when the run stops; one check giving up does not cancel a question others wait for.</param>
        public SharedDnsLookup(IDnsLookup inner, CancellationToken runEnds)
        {
            this.inner = inner;
            this.runEnds = runEnds;
        }

        public Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Ask(1, name, inner.TxtAsync, cancellationToken);

        public Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) =>
            Ask(2, name, inner.MxAsync, cancellationToken);

        public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
            Ask(family == AddressFamily.InterNetworkV6 ? 4 : 3, name, (n, c) => inner.AddressesAsync(n, family, c), cancellationToken);

        public Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken) =>
            Ask(5, name, inner.TlsaAsync, cancellationToken);

        private async Task<DnsAnswer<T>> Ask<T>(int type, string name, Func<string, CancellationToken, Task<DnsAnswer<T>>> send, CancellationToken cancellationToken)
        {
            var key = (type, name.ToLowerInvariant());
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entries.TryGetValue(key, out var held))
                {
                    if (!held.Expired)
                    {
                        return (DnsAnswer<T>)await WaitAsync(held.Answer, cancellationToken).ConfigureAwait(false);
                    }

                    Forget(key, held);
                    continue;
                }

                if (entries.Count >= MaxEntries)
                {
                    return await send(name, cancellationToken).ConfigureAwait(false);
                }

                var entry = new Entry();
                if (!entries.TryAdd(key, entry))
                {
                    continue;
                }

                _ = Send(key, entry, send);
                return (DnsAnswer<T>)await WaitAsync(entry.Answer, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task Send<T>((int, string Name) key, Entry entry, Func<string, CancellationToken, Task<DnsAnswer<T>>> send)
        {
            try
            {
                var answer = await send(key.Name, runEnds).ConfigureAwait(false);
                if (answer.Status == DnsLookupStatus.Found && answer.TimeToLive > TimeSpan.Zero)
                {
                    entry.KeepFor(answer.TimeToLive.Value);
                }
                else
                {
                    Forget(key, entry);
                }

                entry.Arrived.SetResult(answer);
            }
            catch (Exception ex)
            {
                Forget(key, entry);
                if (ex is OperationCanceledException)
                {
                    entry.Arrived.SetCanceled();
                }
                else
                {
                    entry.Arrived.SetException(ex);
                }
            }
        }

        private void Forget((int, string) key, Entry entry) =>
            ((ICollection<KeyValuePair<(int, string), Entry>>)entries).Remove(new KeyValuePair<(int, string), Entry>(key, entry));

        /// <summary>The shared answer, or the caller's own cancellation, whichever comes first.</summary>
        private static async Task<object> WaitAsync(Task<object> answer, CancellationToken cancellationToken)
        {
            if (answer.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return await answer.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(answer, cancelled.Task).ConfigureAwait(false) != answer)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await answer.ConfigureAwait(false);
        }

        private sealed class Entry
        {
            /// <summary>Pending until the answer comes; then it stays while the TTL runs.</summary>
            private long expires = long.MaxValue;

            public TaskCompletionSource<object> Arrived { get; } = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task<object> Answer => Arrived.Task;

            public bool Expired => Stopwatch.GetTimestamp() >= Interlocked.Read(ref expires);

            public void KeepFor(TimeSpan timeToLive) =>
                Interlocked.Exchange(ref expires, Stopwatch.GetTimestamp() + (long)(timeToLive.TotalSeconds * Stopwatch.Frequency));
        }
    }
}
