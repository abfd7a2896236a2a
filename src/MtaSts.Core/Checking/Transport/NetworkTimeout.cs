using System;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Resources;

namespace MtaSts.Checking.Transport
{
    /// <summary>Raised when a network step runs out of its time.</summary>
    public sealed class NetworkTimeoutException : TimeoutException
    {
        public NetworkTimeoutException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Time limits for APIs that take no CancellationToken on netstandard2.0 (connect, TLS handshake).</summary>
    internal static class NetworkTimeout
    {
        /// <summary>A network failure as a finding's message shows it: "timed out", or what the socket or TLS layer said.</summary>
        public static string Describe(Exception ex) => ex is NetworkTimeoutException ? Messages.Get("CheckTimedOut") : (ex.InnerException?.Message ?? ex.Message);

        /// <summary>The failures of a connection, a handshake or a dialogue that a check reports instead of throwing.</summary>
        public static bool IsNetworkFailure(Exception ex) =>
            ex is System.Net.Sockets.SocketException || ex is System.IO.IOException || ex is NetworkTimeoutException || ex is ObjectDisposedException
            || ex is System.Security.Authentication.AuthenticationException || ex is System.IO.InvalidDataException;

        /// <summary>Awaits <paramref name="task"/>; on timeout or cancellation runs <paramref name="abort"/> (closing the socket) and throws.</summary>
        public static async Task Within(Task task, TimeSpan timeout, Action abort, string what, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(task, Task.Delay(timeout, timer.Token)).ConfigureAwait(false);
            if (finished != task)
            {
                abort();
                _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                throw new NetworkTimeoutException(what);
            }

            timer.Cancel();
            await task.ConfigureAwait(false);
        }

        /// <summary>Like <see cref="Within(Task, TimeSpan, Action, string, CancellationToken)"/>, with the task's result.</summary>
        public static async Task<T> Within<T>(Task<T> task, TimeSpan timeout, Action abort, string what, CancellationToken cancellationToken)
        {
            await Within((Task)task, timeout, abort, what, cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }
    }
}
