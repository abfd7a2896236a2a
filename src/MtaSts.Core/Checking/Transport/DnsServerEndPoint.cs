using System.Net;
#if !NET8_0_OR_GREATER
using System;
using System.Globalization;
#endif

namespace MtaSts.Checking.Transport
{
    /// <summary>A DNS server given as text: an IP address, with :port when not 53, and IPv6 in brackets when a port follows.</summary>
    public static class DnsServerEndPoint
    {
        public const int DefaultPort = 53;

        public static bool TryParse(string text, out IPEndPoint? endPoint)
        {
            endPoint = null;
            string trimmed = text.Trim();
#if NET8_0_OR_GREATER
            // IPEndPoint.TryParse reads a missing port as 0; an explicit ":0" is no server either.
            if (!IPEndPoint.TryParse(trimmed, out var parsed) || trimmed.EndsWith(":0", System.StringComparison.Ordinal))
            {
                return false;
            }

            endPoint = parsed.Port == 0 ? new IPEndPoint(parsed.Address, DefaultPort) : parsed;
            return true;
#else
            string host = trimmed;
            int port = DefaultPort;
            int colon = host.LastIndexOf(':');
            if (host.StartsWith("[", StringComparison.Ordinal))
            {
                int close = host.IndexOf(']');
                if (close < 0 || (close + 1 < host.Length && (host[close + 1] != ':' || !int.TryParse(host.Substring(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out port))))
                {
                    return false;
                }

                host = host.Substring(1, close - 1);
            }
            else if (colon > 0 && host.IndexOf(':') == colon)
            {
                if (!int.TryParse(host.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
                {
                    return false;
                }

                host = host.Substring(0, colon);
            }

            if (!IPAddress.TryParse(host, out var address) || port < 1 || port > 65535)
            {
                return false;
            }

            endPoint = new IPEndPoint(address, port);
            return true;
#endif
        }
    }
}
