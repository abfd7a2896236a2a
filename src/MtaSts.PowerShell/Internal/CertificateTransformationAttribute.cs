using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Checking.Transport;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>Lets -TrustedRootCertificate take certificates or the paths of PEM/DER certificate files.</summary>
    public sealed class CertificateTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var certificates = new List<X509Certificate2>();
            foreach (object? item in inputData is IEnumerable list && !(inputData is string) ? list : new[] { inputData })
            {
                object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case X509Certificate2 certificate:
                        certificates.Add(certificate);
                        break;
                    case string path:
                        certificates.Add(Load(engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)));
                        break;
                    case FileInfo file:
                        certificates.Add(Load(file.FullName));
                        break;
                    default:
                        throw new ArgumentTransformationMetadataException(Messages.Format("CertificateNotRecognized", value));
                }
            }

            return certificates.ToArray();
        }

        private static X509Certificate2 Load(string path)
        {
            try
            {
                return CertificateFile.Load(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is CryptographicException || ex is FormatException || ex is ArgumentException)
            {
                throw new ArgumentTransformationMetadataException(Messages.Format("CertificateFileUnreadable", path, ex.Message), ex);
            }
        }
    }
}
