using System.Collections.Generic;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System;
using MtaSts.Policy;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Every message exists in en-US and pt-BR with the same placeholders, and every key in code is in the resources.</summary>
    public class MessageResourceTests
    {
        private static readonly CultureInfo Portuguese = new CultureInfo("pt-BR");

        public static TheoryData<string> Catalogs => new TheoryData<string> { "MtaSts.Core", "MtaSts.PowerShell" };

        [Theory]
        [MemberData(nameof(Catalogs))]
        public void PortugueseHasExactlyTheEnglishKeysWithTheSamePlaceholders(string assemblyName)
        {
            var english = Read(assemblyName, CultureInfo.InvariantCulture);
            var portuguese = Read(assemblyName, Portuguese);

            Assert.NotEmpty(english);
            Assert.Empty(english.Keys.Except(portuguese.Keys));
            Assert.Empty(portuguese.Keys.Except(english.Keys));
            foreach (var (key, text) in english)
            {
                Assert.True(Placeholders(text).SetEquals(Placeholders(portuguese[key])), $"{key}: the placeholders differ between en-US and pt-BR");
                Assert.True(text != portuguese[key] || key.StartsWith("JsonKindNull", StringComparison.Ordinal), $"{key} is not translated");
            }
        }

        [Theory]
        [MemberData(nameof(Catalogs))]
        public void EveryKeyTheCodeNamesExistsAndEveryResourceIsUsed(string assemblyName)
        {
            var english = Read(assemblyName, CultureInfo.InvariantCulture);
            string source = SourceOf(assemblyName);

            var named = Regex.Matches(source, @"Messages\.(?:Get|Format|Defer)\(""(\w+)""").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Empty(named.Except(english.Keys));
            Assert.DoesNotContain(english.Keys, key => !source.Contains('"' + key + '"', StringComparison.Ordinal));
        }

        [Fact]
        public void AParserWarningReadLaterSpeaksTheLanguageOfTheMomentItWasFound_Rfc8461Section3_2()
        {
            const string policy = "mode: testing\nversion: STSv1\nmx: mail.example.com\nmax_age: 604800\n";
            var parsed = InCulture(Portuguese, () => MtaSts.Policy.PolicyParser.Parse(policy));
            var english = MtaSts.Policy.PolicyParser.Parse(policy);

            var late = Assert.Single(parsed.Warnings!, w => w.Code == MtaSts.Diagnostics.ErrorCodes.VersionNotFirst);
            var now = Assert.Single(english.Warnings!, w => w.Code == MtaSts.Diagnostics.ErrorCodes.VersionNotFirst);
            Assert.Equal(InCulture(Portuguese, () => Read("MtaSts.Core", Portuguese)["PolicyVersionNotFirst"]), late.Message);
            Assert.NotEqual(now.Message, late.Message);
            Assert.Equal(late, late with { });
        }

        [Fact]
        public void EveryErrorIdTheCmdletsWriteHasAFixInBothLanguagesAndEveryFixIsForAKnownId()
        {
            var english = ReadTranslated("Fixes");

            string cmdlets = SourceOf("MtaSts.PowerShell");
            var written = Regex.Matches(cmdlets, @"""((?:MtaSts|TlsRpt)[A-Z]\w+(?:Failed|Invalid|Exists|Folder|IsFile|FileSystem|NotFound|Empty))""")
                .Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Contains("MtaStsPolicyWriteFailed", written);
            Assert.Empty(written.Except(english.Keys));

            var coreCodes = typeof(MtaSts.Diagnostics.ErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
            Assert.Empty(english.Keys.Except(coreCodes).Except(written));
            Assert.Superset(new HashSet<string> { "MtaStsDnsLookupFailed", "MtaStsPolicyTimeout", "MtaStsCertificateExpired", "MtaStsMxPatternInvalid", "MtaStsDomainInvalid" }, english.Keys.ToHashSet());
        }

        [Fact]
        public void EveryViewTextIsTranslatedAndUsedByTheFormatFile()
        {
            var english = ReadTranslated("Views");
            string format = File.ReadAllText(Path.Combine(RepositoryRoot(), "module", "MtaSts.format.ps1xml"));
            Assert.DoesNotContain(english.Keys, key => !format.Contains("'" + key + "'", StringComparison.Ordinal));
        }

        [Fact]
        public void ParserMessagesFollowTheUiCultureWhileCodesStayTheSame_Rfc8461Section3_2()
        {
            var english = InCulture(CultureInfo.InvariantCulture, () => PolicyParser.Parse("version: STSv1\nmode: report\nmx: a.example\nmax_age: 86400\n").Error!);
            var portuguese = InCulture(Portuguese, () => PolicyParser.Parse("version: STSv1\nmode: report\nmx: a.example\nmax_age: 86400\n").Error!);

            Assert.Equal(english.Code, portuguese.Code);
            Assert.Equal((english.Line, english.Column), (portuguese.Line, portuguese.Column));
            Assert.StartsWith("mode is 'report'", english.Message, StringComparison.Ordinal);
            Assert.StartsWith("mode é 'report'", portuguese.Message, StringComparison.Ordinal);
            Assert.StartsWith("linha 2, coluna 7:", InCulture(Portuguese, () => portuguese.ToString()), StringComparison.Ordinal);
        }

        [Fact]
        public void ACultureWithoutTranslationFallsBackToEnglish()
        {
            var error = InCulture(new CultureInfo("de-DE"), () => PolicyParser.Parse(string.Empty).Error!);
            Assert.Equal("The policy is empty; it needs version, mode, mx and max_age lines.", error.Message);
        }

        private static Dictionary<string, string> Read(string assemblyName, CultureInfo culture, string baseName = "Messages")
        {
            var assembly = Assembly.Load(assemblyName);
            var resources = new ResourceManager(assemblyName.Replace("MtaSts.Core", "MtaSts", StringComparison.Ordinal) + ".Resources." + baseName, assembly);
            var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"{assemblyName} has no {culture.Name} resources");
            return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        }

        /// <summary>A catalog of the cmdlet assembly in English, checked to have the same keys in pt-BR, each translated.</summary>
        private static Dictionary<string, string> ReadTranslated(string baseName)
        {
            var english = Read("MtaSts.PowerShell", CultureInfo.InvariantCulture, baseName);
            var portuguese = Read("MtaSts.PowerShell", Portuguese, baseName);
            Assert.Equal(english.Keys.OrderBy(k => k), portuguese.Keys.OrderBy(k => k));
            Assert.DoesNotContain(english, e => portuguese[e.Key] == e.Value);
            return english;
        }

        private static string SourceOf(string assemblyName) =>
            string.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", assemblyName), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(File.ReadAllText));

        private static HashSet<string> Placeholders(string text) =>
            Regex.Matches(text, @"\{(\d+)(?:[,:][^}]*)?\}").Select(m => m.Groups[1].Value).ToHashSet();

        private static T InCulture<T>(CultureInfo culture, Func<T> action)
        {
            var saved = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                return action();
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "MtaSts.PowerShell.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }
    }
}
