using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Checking.Transport;

namespace MtaSts.Checking
{
    /// <summary>
    /// DANE for SMTP (RFC 7672) as a DANE-capable sender applies it to one MX: the TLSA records at _25._tcp.&lt;mx&gt;
    /// count only when DNSSEC authenticated them, and then the certificate must match a usable one. Where DANE applies,
    /// those senders do not use MTA-STS for that MX (RFC 8461 §2).
    /// </summary>
    internal static class Dane
    {
        public static string TlsaName(string mxHost) => "_25._tcp." + mxHost;

        /// <summary>RFC 7672 §3.1: SMTP uses DANE-TA(2) and DANE-EE(3) only; selectors and matching types of RFC 6698.</summary>
        public static bool IsUsable(TlsaRecordData record) =>
            (record.Usage == 2 || record.Usage == 3) && (record.Selector == 0 || record.Selector == 1) && record.MatchingType >= 0 && record.MatchingType <= 2;

        /// <summary>
        /// Whether the server's certificates match one usable record: DANE-EE against the leaf, DANE-TA against a
        /// certificate of the chain the server sent (RFC 7672 §3.1.1, §3.1.2).
        /// </summary>
        public static bool Matches(IEnumerable<TlsaRecordData> records, X509Certificate2 leaf, IReadOnlyList<X509Certificate2> sent) =>
            records.Where(IsUsable).Any(record => record.Usage == 3
                ? MatchesCertificate(record, leaf)
                : sent.Where(c => c.Thumbprint != leaf.Thumbprint).Any(c => MatchesCertificate(record, c)));

        private static bool MatchesCertificate(TlsaRecordData record, X509Certificate2 certificate)
        {
            byte[]? selected = record.Selector == 0 ? certificate.RawData : SubjectPublicKeyInfo(certificate.RawData);
            if (selected == null)
            {
                return false;
            }

            switch (record.MatchingType)
            {
                case 0:
                    return selected.SequenceEqual(record.Data);
                case 1:
                    using (var sha256 = SHA256.Create())
                    {
                        return sha256.ComputeHash(selected).SequenceEqual(record.Data);
                    }

                default:
                    using (var sha512 = SHA512.Create())
                    {
                        return sha512.ComputeHash(selected).SequenceEqual(record.Data);
                    }
            }
        }

        /// <summary>
        /// The DER of the certificate's SubjectPublicKeyInfo (RFC 5280 §4.1): the seventh field of tbsCertificate when
        /// the version is present, the sixth otherwise; null for DER it cannot walk.
        /// </summary>
        internal static byte[]? SubjectPublicKeyInfo(byte[] der)
        {
            int pos = 0;
            if (!Enter(der, ref pos, 0x30, out _) || !Enter(der, ref pos, 0x30, out _))
            {
                return null;
            }

            if (pos < der.Length && der[pos] == 0xA0 && !Skip(der, ref pos))
            {
                return null;
            }

            for (int field = 0; field < 5; field++)
            {
                if (!Skip(der, ref pos))
                {
                    return null;
                }
            }

            int start = pos;
            if (pos >= der.Length || der[pos] != 0x30 || !Skip(der, ref pos))
            {
                return null;
            }

            var spki = new byte[pos - start];
            Array.Copy(der, start, spki, 0, spki.Length);
            return spki;
        }

        private static bool Enter(byte[] der, ref int pos, byte tag, out int length)
        {
            length = 0;
            if (pos >= der.Length || der[pos] != tag)
            {
                return false;
            }

            pos++;
            return Der.TryReadLength(der, ref pos, out length) && pos + length <= der.Length;
        }

        private static bool Skip(byte[] der, ref int pos)
        {
            if (pos >= der.Length)
            {
                return false;
            }

            pos++;
            if (!Der.TryReadLength(der, ref pos, out int length) || pos + length > der.Length)
            {
                return false;
            }

            pos += length;
            return true;
        }
    }
}
