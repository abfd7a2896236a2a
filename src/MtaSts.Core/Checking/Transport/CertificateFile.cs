using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Checking.Transport
{
    /// <summary>Reads one certificate from a PEM or DER file (a trust anchor given by path).</summary>
    public static class CertificateFile
    {
        private const string PemBegin = "-----BEGIN CERTIFICATE-----";
        private const string PemEnd = "-----END CERTIFICATE-----";

        /// <exception cref="System.Security.Cryptography.CryptographicException">The file holds no certificate.</exception>
        public static X509Certificate2 Load(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            string text = System.Text.Encoding.ASCII.GetString(bytes);
            int begin = text.IndexOf(PemBegin, StringComparison.Ordinal);
            if (begin < 0)
            {
                return new X509Certificate2(bytes);
            }

#if NET8_0_OR_GREATER
            return X509Certificate2.CreateFromPem(text);
#else
            int start = begin + PemBegin.Length;
            int end = text.IndexOf(PemEnd, start, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new FormatException(PemEnd + " is missing.");
            }

            return new X509Certificate2(Convert.FromBase64String(text.Substring(start, end - start)));
#endif
        }
    }
}
