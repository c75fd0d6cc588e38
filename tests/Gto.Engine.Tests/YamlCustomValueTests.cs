using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Text;
using Gto.Engine.Annotations;
using Gto.Engine.Yaml;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>-Custom values: what is accepted, what is refused, and that writing then reading keeps value and type.</summary>
    public class YamlCustomValueTests
    {
        private static GtoException Refused(object? value)
        {
            var ex = Assert.Throws<GtoException>(() => CustomValue.Normalize(value));
            Assert.Equal("InvalidCustomValue", ex.ErrorId);
            return ex;
        }

        // What the annotation reader gives back for a value written by the annotation writer.
        private static object? RoundTrip(object? value)
        {
            var text = YamlWriter.Write(new SortedDictionary<string, object?> { ["custom"] = CustomValue.Normalize(value) });
            var map = Assert.IsType<YamlMap>(SafeYaml.Load(text));
            return AnnotationParser.ToObject(map.Get("custom")!);
        }

        public static IEnumerable<object[]> TrickyStrings() => new[]
        {
            "1.10", "00501", "null", "Null", "NULL", "~", "", " ", "true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n",
            "0x1F", "0o17", "0b101", "1_000", "+1", "-1", ".5", "1.", "1e5", "1E+5", "6.8523015e+5", ".inf", "-.Inf", "+.INF", ".NaN",
            "1:30", "190:20:30.15", "2024-01-02", "2024-01-02 10:00:00", "2001-12-14t21:59:43.10-05:00", "<<", "=", "a: b", "#c",
            "- x", "[x]", "{x: y}", "*a", "&a", "!t", "%p", "@x", "`x", "|", ">", "'", "\"", "? x", "---", "...", "line1\nline2",
            "tab\there", " lead", "trail ", "x\0y", "\u0085", "\u2028", "ünïcødé", "😀", "a #b", "a:b", "-", ":", "?", ",",
        }.Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(TrickyStrings))]
        public void A_string_reads_back_as_the_same_string(string s)
        {
            Assert.Equal(s, RoundTrip(s));
            Assert.Equal(s, ((OrderedDictionary)RoundTrip(new Dictionary<string, object> { [s] = s })!)[s]);
        }

        [Theory]
        [InlineData("1.10")]
        [InlineData("00501")]
        [InlineData("yes")]
        [InlineData("0x1F")]
        [InlineData("2024-01-02")]
        [InlineData("1:30")]
        public void A_string_a_yaml_1_1_reader_would_convert_is_quoted(string s) =>
            Assert.Equal($"custom: '{s}'", YamlWriter.Write(new SortedDictionary<string, object> { ["custom"] = s }).Trim());

        [Fact]
        public void Numbers_booleans_and_null_keep_their_yaml_types()
        {
            Assert.Equal(42L, RoundTrip(42));
            Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
            Assert.Equal(255L, RoundTrip((byte)255));
            Assert.Equal((long)uint.MaxValue, RoundTrip(uint.MaxValue));
            Assert.Equal(long.MaxValue, RoundTrip((ulong)long.MaxValue));
            foreach (var d in new[] { 1.1, 2.0, -0.5, 1e-7, 1e300, -1e-300, double.Epsilon, double.MaxValue, 0.1 + 0.2 })
                Assert.Equal(d, Assert.IsType<double>(RoundTrip(d)));
            Assert.True(double.IsNegative(Assert.IsType<double>(RoundTrip(-0.0))));
            Assert.Equal(double.PositiveInfinity, RoundTrip(double.PositiveInfinity));
            Assert.Equal(double.NegativeInfinity, RoundTrip(double.NegativeInfinity));
            Assert.True(double.IsNaN(Assert.IsType<double>(RoundTrip(double.NaN))));
            Assert.Equal(1.25, RoundTrip(1.25m));
            Assert.Equal(1.1, RoundTrip(1.1f));
            Assert.Equal(true, RoundTrip(true));
            Assert.Equal(false, RoundTrip(false));
            Assert.Equal("c", RoundTrip('c'));
        }

        [Fact]
        public void Lists_and_dictionaries_nest_with_string_keys()
        {
            var value = new Hashtable { ["list"] = new object?[] { 1, "a", null, new ArrayList { 2.5 } }, [7] = new Dictionary<string, int> { ["x"] = 1 } };
            var read = Assert.IsType<OrderedDictionary>(RoundTrip(value));
            Assert.Equal(new object?[] { 1L, "a", null, new List<object?> { 2.5 } }, (List<object?>)read["list"]!);
            Assert.Equal(1L, ((OrderedDictionary)read["7"]!)["x"]);
        }

        [Fact]
        public void A_value_nested_to_the_limit_round_trips_and_one_more_level_is_refused()
        {
            object Nest(int depth)
            {
                object v = "leaf";
                for (int i = 0; i < depth; i++) v = new List<object> { v };
                return v;
            }
            var read = RoundTrip(Nest(CustomValue.MaxDepth));
            for (int i = 0; i < CustomValue.MaxDepth; i++) read = ((List<object?>)read!)[0];
            Assert.Equal("leaf", read);
            Assert.Contains("more than 62 levels", Refused(Nest(CustomValue.MaxDepth + 1)).Message);
        }

        [Fact]
        public void A_value_that_contains_itself_is_refused()
        {
            var map = new Hashtable();
            map["self"] = map;
            Assert.Contains("contains itself", Refused(map).Message);
            var list = new ArrayList();
            list.Add(new Hashtable { ["back"] = list });
            Assert.Contains("custom[0].back", Refused(list).Message);
        }

        [Fact]
        public void A_value_shared_many_times_is_counted_each_time()
        {
            object v = new[] { 1 };
            for (int i = 0; i < 40; i++) v = new object[] { v, v };
            // 2^41 values once expanded. The work is counted, not timed: every value converted passes the host's
            // adapter, and conversion stops at the limit (a guard fails the test instead of walking on).
            long visited = 0;
            var ex = Assert.Throws<GtoException>(() => CustomValue.Normalize(v, value =>
                ++visited <= 2 * SafeYaml.MaxNodes ? value : throw new InvalidOperationException("conversion did not stop at the limit")));
            Assert.Contains("more than 100,000 values", ex.Message);
            Assert.Equal(SafeYaml.MaxNodes, visited);
            // A value shared a few times is fine: it is not a cycle.
            var shared = new[] { "x" };
            Assert.Equal(2, ((List<object?>)CustomValue.Normalize(new object[] { shared, shared })!).Count);
        }

        [Fact]
        public void Strings_beyond_what_a_file_can_hold_are_refused()
        {
            var big = new string('x', 600_000);
            Assert.Contains("characters", Refused(new[] { big, big }).Message);
        }

        [Fact]
        public void Other_objects_are_refused_with_their_type()
        {
            Assert.Contains("System.IO.FileInfo", Refused(new FileInfo("x")).Message);
            Assert.Contains("System.Action", Refused(new Hashtable { ["f"] = (Action)(() => { }) }).Message);
            Assert.Contains("date", Refused(DateTime.Now).Message);
            Assert.Contains("date", Refused(DateTimeOffset.Now).Message);
            Assert.Contains("64-bit", Refused(ulong.MaxValue).Message);
            Assert.Contains("Guid", Refused(Guid.Empty).Message);
            Assert.Contains("keys must be strings or integers", Refused(new Hashtable { [new object()] = 1 }).Message);
            Assert.Contains("'1'", Refused(new Hashtable { [1] = "a", ["1"] = "b" }).Message);
            // An endless sequence is not a list.
            Assert.Contains("is not a value Gto stores", Refused(Endless()).Message);
        }

        private static IEnumerable<int> Endless()
        {
            for (int i = 0; ; i++) yield return i;
        }

        [Fact]
        public void The_host_adapter_sees_every_value()
        {
            var seen = new List<object>();
            object? Adapt(object o)
            {
                seen.Add(o);
                return o is StringBuilder sb ? sb.ToString() : o;
            }
            var value = CustomValue.Normalize(new Hashtable { [new StringBuilder("k")] = new object[] { new StringBuilder("v") } }, Adapt);
            Assert.Equal("v", ((List<object?>)((OrderedDictionary)value!)["k"]!)[0]);
            Assert.Equal(4, seen.Count);
        }

        [Fact]
        public void Set_annotation_refuses_a_bad_custom_value_and_writes_nothing()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            using var r = RepositoryContext.Open(repo.Path);
            var map = new Hashtable();
            map["self"] = map;
            Assert.Equal("InvalidCustomValue", Assert.Throws<GtoException>(() =>
                AnnotationEditorTests.Set(r, "m", new AnnotationUpdate { Type = "model", Custom = map })).ErrorId);
            Assert.False(File.Exists(Path.Combine(repo.Path, "artifacts.yaml")));
        }

        [Fact]
        public void Set_annotation_refuses_a_file_that_would_not_read_back()
        {
            using var repo = new TestRepository();
            var entries = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}: {{type: t}}\n"));
            repo.Commit("one", ("artifacts.yaml", entries));
            using var r = RepositoryContext.Open(repo.Path);
            var before = File.ReadAllText(Path.Combine(repo.Path, "artifacts.yaml"));
            var ex = Assert.Throws<GtoException>(() => AnnotationEditorTests.Set(r, "m", new AnnotationUpdate
            {
                Type = "model", Custom = Enumerable.Range(0, 40_000).Select(i => (object)i).ToArray(),
            }));
            Assert.Equal("AnnotationNotWritable", ex.ErrorId);
            Assert.Equal(before, File.ReadAllText(Path.Combine(repo.Path, "artifacts.yaml")));
        }

        [Fact]
        public void Random_strings_read_back_unchanged()
        {
            // Characters that mean something to YAML, mixed with ordinary ones, in random strings (seeded).
            const string alphabet = "aZ09 .:-+_#'\"!&*?|>%@`,[]{}~=<\\/\t\n\r\0eExXoObBnNyYtTfF\u00e9\u2028\ud83d\ude00";
            var random = new Random(20260611);
            var strings = new List<string>();
            for (int i = 0; i < 2000; i++)
            {
                var sb = new StringBuilder();
                int length = random.Next(0, 12);
                for (int j = 0; j < length; j++) sb.Append(alphabet[random.Next(alphabet.Length)]);
                // Keep surrogate pairs whole: a lone surrogate is not text.
                strings.Add(new string(sb.ToString().Where(c => !char.IsSurrogate(c)).ToArray()) + (random.Next(20) == 0 ? "\ud83d\ude00" : ""));
            }
            var read = (List<object?>)RoundTrip(strings.ToArray())!;
            for (int i = 0; i < strings.Count; i++) Assert.Equal(strings[i], read[i]);
        }
    }
}
