using System;
using System.IO;
using System.Linq;
using System.Text;
using Gto.Engine.Annotations;
using Gto.Engine.Yaml;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>SafeYaml's limits, each just under and just over, and the shapes it refuses.</summary>
    public class YamlLoaderTests
    {
        private static YamlInputException Refused(string text) => Assert.Throws<YamlInputException>(() => SafeYaml.Load(text));

        private static string Nested(string open, string leaf, string close, int depth) =>
            string.Concat(Enumerable.Repeat(open, depth)) + leaf + string.Concat(Enumerable.Repeat(close, depth));

        [Theory]
        [InlineData("[", "x", "]")]
        [InlineData("{a: ", "x", "}")]
        public void Nesting_of_64_levels_reads_and_65_is_refused(string open, string leaf, string close)
        {
            Assert.Equal(64, SafeYaml.Load(Nested(open, leaf, close, 64))!.Height);
            Assert.Contains("more than 64 levels", Refused(Nested(open, leaf, close, 65)).Message);
        }

        [Fact]
        public void Block_nesting_counts_the_same_way()
        {
            string Block(int depth) => string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";
            Assert.Equal(64, SafeYaml.Load(Block(64))!.Height);
            Refused(Block(65));
        }

        // The work a hostile file costs is bounded by where reading stops, not measured in time: the refusal names
        // the place of the event that passed a limit, and nothing after it is read.
        [Theory]
        [InlineData("[", "]", 65)]
        [InlineData("{a: ", "}", 257)]
        [InlineData("- ", "", 129)]
        public void Nesting_of_100000_levels_stops_reading_at_the_65th(string open, string close, int column)
        {
            var refused = Refused(Nested(open, "x", close, 100_000));
            Assert.EndsWith($"more than 64 levels deep (line 1, column {column})", refused.Message);
        }

        [Fact]
        public void An_alias_counts_the_depth_of_what_it_names()
        {
            var anchor = "a: &x " + Nested("[", "1", "]", 60) + "\n";
            // The alias's list sits under the root mapping and three more lists: 1 + 3 + 60 = 64.
            Assert.NotNull(SafeYaml.Load(anchor + "b: [[[*x]]]\n"));
            Assert.Contains("more than 64 levels", Refused(anchor + "b: [[[[*x]]]]\n").Message);
        }

        [Fact]
        public void One_hundred_thousand_nodes_read_and_one_more_is_refused()
        {
            // The list itself is one node.
            string List(int items) => "[" + string.Join(",", Enumerable.Repeat("1", items)) + "]";
            Assert.Equal(100_000, SafeYaml.Load(List(99_999))!.Nodes);
            Assert.Contains("more than 100,000 values", Refused(List(100_000)).Message);
        }

        [Fact]
        public void Nodes_are_counted_after_alias_expansion()
        {
            // The anchored list is 1,000 nodes; the root mapping, its keys and the list of aliases add the rest.
            var anchored = "a: &x [" + string.Join(",", Enumerable.Repeat("1", 999)) + "]\n";
            string Text(int aliases) => anchored + "b: [" + string.Join(",", Enumerable.Repeat("*x", aliases)) + "]\n";
            // 1 root + 2 keys + 1,000 + 1 list + 98 * 1,000 = 99,004
            Assert.Equal(99_004, SafeYaml.Load(Text(98))!.Nodes);
            Refused(Text(100));
        }

        // Levels a, b, ... up to last: the first lists 'lol' nine times, each further one the one before nine times.
        private static string Laughs(char last)
        {
            var sb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (char c = 'b'; c <= last; c++)
                sb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + (char)(c - 1), 9))).Append("]\n");
            return sb.ToString();
        }

        [Fact]
        public void A_billion_laughs_stops_at_the_first_alias_past_the_limit()
        {
            // Levels a to e stand for 74,738 values with the root and keys; the first *e of level f passes 100,000,
            // so reading stops on line 6 of 10, long before 9^10 values.
            Assert.EndsWith("once aliases are expanded (line 6, column 8)", Refused(Laughs('j')).Message);
        }

        [Fact]
        public void An_alias_is_the_value_its_anchor_names_not_a_copy()
        {
            var read = (YamlMap)SafeYaml.Load(Laughs('e'))!;
            Assert.Equal(74_738, read.Nodes);
            Assert.All(((YamlList)read.Get("e")!).Items, item => Assert.Same(read.Get("d"), item));
        }

        [Fact]
        public void Characters_are_counted_after_alias_expansion()
        {
            var s = new string('x', 1_000_000);
            Assert.NotNull(SafeYaml.Load($"[&s {s}, *s, *s, *s]"));
            Assert.Contains("characters once aliases are expanded", Refused($"[&s {s}, *s, *s, *s, *s]").Message);
        }

        [Fact]
        public void One_MiB_reads_and_one_byte_more_is_refused()
        {
            var exact = "#" + new string('x', SafeYaml.MaxBytes - 1);
            Assert.Null(SafeYaml.Load(exact));
            Assert.Contains("larger than 1 MiB", Refused(exact + "x").Message);
            // Characters under the limit, UTF-8 bytes over it.
            Refused("#" + new string('é', SafeYaml.MaxBytes / 2 + 1));
        }

        [Fact]
        public void A_file_is_refused_before_it_is_read_past_the_limit()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "#" + new string('x', SafeYaml.MaxBytes - 1), new UTF8Encoding(false));
                Assert.Equal(SafeYaml.MaxBytes, SafeYaml.ReadFile(path).Length);
                File.AppendAllText(path, "x");
                Assert.Throws<YamlInputException>(() => SafeYaml.ReadFile(path));
                File.WriteAllText(path, "m: {}\n", new UTF8Encoding(true));
                Assert.Equal("m: {}\n", SafeYaml.ReadFile(path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Blob_sizes_are_checked_against_the_same_limit()
        {
            Assert.Null(SafeYaml.SizeProblem(SafeYaml.MaxBytes));
            Assert.NotNull(SafeYaml.SizeProblem(SafeYaml.MaxBytes + 1L));
        }

        [Theory]
        [InlineData("&a [*a]")]
        [InlineData("&a {x: *a}")]
        [InlineData("m:\n  type: model\n  custom: &a [*a]\n")]
        [InlineData("&a [x, [y, *a]]")]
        [InlineData("&top\nm: *top\n")]
        public void A_self_referencing_alias_is_refused(string text) =>
            Assert.Contains("recursive alias", Refused(text).Message);

        [Fact]
        public void An_anchor_redefined_inside_its_own_collection_is_the_newer_one()
        {
            var list = Assert.IsType<YamlList>(SafeYaml.Load("&a [&a x, *a]"));
            Assert.Equal("x", Assert.IsType<YamlScalar>(list.Items[1]).Text);
        }

        [Fact]
        public void An_alias_without_an_anchor_is_refused() => Assert.Contains("no anchor", Refused("[*nowhere]").Message);

        [Theory]
        [InlineData("? [a, b]\n: c\n")]
        [InlineData("{[a]: b}")]
        [InlineData("? {a: b}\n: c\n")]
        [InlineData("a: &l [x]\n*l : y\n")]
        public void A_key_that_is_not_a_scalar_is_refused(string text) =>
            Assert.Contains("mapping key is a list or a mapping", Refused(text).Message);

        [Fact]
        public void A_scalar_alias_can_be_a_key()
        {
            var map = Assert.IsType<YamlMap>(SafeYaml.Load("a: &k name\n*k : y\n"));
            Assert.Equal("y", Assert.IsType<YamlScalar>(map.Get("name")).Text);
        }

        [Fact]
        public void A_repeated_key_is_refused() => Assert.Contains("appears twice", Refused("a: 1\na: 2\n").Message);

        [Fact]
        public void More_than_one_document_is_refused()
        {
            Assert.Contains("more than one YAML document", Refused("a: 1\n---\nb: 2\n").Message);
            Assert.IsType<YamlMap>(SafeYaml.Load("---\na: 1\n...\n"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("# only a comment\n")]
        public void No_document_is_null(string text) => Assert.Null(SafeYaml.Load(text));

        [Fact]
        public void Invalid_yaml_is_refused_with_the_parser_s_reason() =>
            Assert.StartsWith("it is not valid YAML", Refused("a: [1, 2\n").Message);

        [Fact]
        public void Scalars_keep_whether_they_are_plain()
        {
            var list = Assert.IsType<YamlList>(SafeYaml.Load("[1.10, '1.10', !!str 1.10, ~, '']"));
            var items = list.Items.Cast<YamlScalar>().ToList();
            Assert.Equal(new[] { true, false, false, true, false }, items.Select(i => i.IsPlain));
            Assert.Equal(new object?[] { 1.1, "1.10", "1.10", null, "" }, items.Select(i => AnnotationParser.ToObject(i)));
        }

        [Fact]
        public void An_alias_bomb_in_artifacts_yaml_is_a_damaged_file()
        {
            var file = AnnotationParser.ParseArtifactsYaml("m:\n  type: model\n  custom: &a [*a]\n");
            Assert.Empty(file.Entries);
            Assert.Contains("recursive alias", file.Problem);
        }

        [Fact]
        public void A_damaged_dvc_yaml_reports_why()
        {
            var file = AnnotationParser.ParseDvcYaml("artifacts:\n  m:\n    meta: " + Nested("[", "x", "]", 100) + "\n", "");
            Assert.Empty(file.Entries);
            Assert.Contains("more than 64 levels", file.Problem);
        }
    }
}
