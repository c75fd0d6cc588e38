using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>Every error id Gto raises is in the catalogue, and the catalogue is what about_Gto documents.</summary>
    public sealed class ErrorCatalogueTests
    {
        private static readonly string RepositoryRoot = FindRoot();

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gto.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gto.sln not found above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void Ids_are_unique_PascalCase_words_with_a_meaning()
        {
            Assert.True(GtoErrors.All.Count > 40);
            Assert.Equal(GtoErrors.All.Count, GtoErrors.All.Select(e => e.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            foreach (var e in GtoErrors.All)
            {
                Assert.Matches("^[A-Z][A-Za-z0-9]+$", e.Id);
                Assert.False(string.IsNullOrWhiteSpace(e.Meaning), e.Id);
            }
        }

        [Fact]
        public void About_Gto_lists_every_error_with_its_category_and_nothing_else()
        {
            var about = File.ReadAllText(Path.Combine(RepositoryRoot, "module", "en-US", "about_Gto.help.txt"));
            var section = Regex.Match(about, @"\nERRORS\n(?<body>.*?)\n[A-Z][A-Z ,:]+\n", RegexOptions.Singleline);
            Assert.True(section.Success, "about_Gto has no ERRORS section");
            var listed = Regex.Matches(section.Groups["body"].Value, @"^    (?<id>[A-Z][A-Za-z0-9]+) \((?<category>[A-Za-z]+)\)$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups["id"].Value, m => m.Groups["category"].Value);
            foreach (var e in GtoErrors.All)
            {
                Assert.True(listed.ContainsKey(e.Id), $"about_Gto does not list {e.Id}");
                Assert.Equal(e.Kind.ToString(), listed[e.Id]);
            }
            Assert.Empty(listed.Keys.Except(GtoErrors.All.Select(e => e.Id)));
        }

        /// <summary>
        /// Errors are raised through catalogue entries (the GtoException constructor takes one), so a new id cannot
        /// slip in as a string: no source file passes a literal id to an ErrorRecord or a GtoException.
        /// </summary>
        [Fact]
        public void No_source_raises_an_error_id_outside_the_catalogue()
        {
            var literalId = new Regex(@"new\s+(ErrorRecord\([^;]*?,\s*""|GtoException\(\s*"")", RegexOptions.Singleline);
            var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Where(f => literalId.IsMatch(File.ReadAllText(f)))
                .Select(f => Path.GetRelativePath(RepositoryRoot, f)).ToList();
            Assert.Empty(offenders);
        }
    }
}
