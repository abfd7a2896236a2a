using System.IO;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Where a policy file sits under a web root, and which domain a web root's folder name makes clear.</summary>
    public class WebRootTests
    {
        [Theory(DisplayName = "RFC 8461 §3.3: the policy host's name or the domain's own name gives the Policy Domain")]
        [InlineData("/srv/mta-sts.example.com", "example.com")]
        [InlineData("/srv/sites/example.com", "example.com")]
        [InlineData("/srv/sites/MTA-STS.Example.COM/", "example.com")]
        [InlineData("/srv/sites/mail.example.co.uk", "mail.example.co.uk")]
        public void ClearNamesGiveTheDomain(string webRoot, string domain) =>
            Assert.Equal(domain, WellKnownNames.DomainOfWebRoot(webRoot.Replace('/', Path.DirectorySeparatorChar)));

        [Theory(DisplayName = "A folder name that is not a domain of two labels gives none: no guess")]
        [InlineData("/var/www/html")]
        [InlineData("/home/u/public_html")]
        [InlineData("/srv/site 1")]
        [InlineData("/srv/mta-sts")]
        [InlineData("/srv/mta-sts.localhost")]
        [InlineData("/srv/127.0.0.1")]
        public void OtherNamesGiveNone(string webRoot) =>
            Assert.Null(WellKnownNames.DomainOfWebRoot(webRoot.Replace('/', Path.DirectorySeparatorChar)));

        [Fact]
        public void TheWebRootOfAPolicyFileIsTheFolderAboveWellKnown()
        {
            string root = Path.Combine(Path.GetTempPath(), "mta-sts.example.com");
            Assert.Equal(root, WellKnownNames.WebRootOf(WellKnownNames.PolicyFile(root)));
            Assert.Null(WellKnownNames.WebRootOf(Path.Combine(root, "mta-sts.txt")));
            Assert.Null(WellKnownNames.WebRootOf(Path.Combine(root, ".well-known", "other.txt")));
        }
    }
}
