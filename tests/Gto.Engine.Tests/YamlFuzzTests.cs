using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
using Gto.Engine.Annotations;
using Gto.Engine.Config;
using Gto.Engine.Yaml;
using Xunit;
using Xunit.Abstractions;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// Seeded random inputs for every YAML reader: mutations of valid files and random structure (deep nesting,
    /// anchors and aliases, odd scalars, random bytes). Each must give a parsed result, a damaged file or a Gto
    /// error, never another exception. What parses must stay within the reader's limits, which bound the work every
    /// later step does with it, and must survive writing and reading again.
    /// </summary>
    /// <remarks>
    /// No input is timed: a busy machine makes any time bound flaky (speed is measured in bench/). The bound on work
    /// is checked instead: each value read is walked, counting aliases as often as they are reached, and must hold
    /// what the reader counted and no more than its limits allow.
    /// </remarks>
    public class YamlFuzzTests
    {
        private const int Inputs = 10_000;
        private const int Seed = 1_110_2026;
        private static readonly Hashtable NoEnvironment = new Hashtable();
        private readonly ITestOutputHelper _output;

        public YamlFuzzTests(ITestOutputHelper output) => _output = output;

        private static readonly string[] Seeds =
        {
            "m:\n  type: model\n  path: models/m.pkl\n  virtual: false\n  labels: [a, b]\n  description: The model\n  custom:\n    k: [1, 2.5, x]\n    nested: {a: b, c: ~}\nempty: {}\n",
            "rf:\n  type: model\n  labels:\n  - tabular\n  - baseline\n  custom:\n    base: &b {lr: 0.1, depth: 3}\n    tuned: *b\n",
            "stages: [dev, staging, prod]\ntypes: [model, dataset]\nINDEX: meta/index.yaml\nenrichments:\n- type: gto\nautoload_enrichments: true\n",
            "stages:\n- dev\n- prod\nDEBUG: false\nEMOJIS: 'yes'\nLOG_LEVEL: INFO\n",
            "stages: ['dev', \"prod\"]\n",
            "artifacts:\n  churn:\n    path: m.pkl\n    type: model\n    desc: Churn\n    labels: [x]\n    meta:\n      owner: team\n      list: [1, 2]\nstages:\n  train:\n    cmd: python train.py\n",
            "artifacts:\n  nn: {path: nn.pt, type: model, meta: {a: [1, {b: c}]}}\n",
            "---\nm: {type: model, custom: |\n    block text\n    more\n  }\n...\n",
            "m:\n  custom: >-\n    folded\n    text\n  description: \"esc\\t\\u00e9\\x41\"\n",
        };

        private static readonly string[] Pieces =
        {
            "[", "]", "{", "}", "- ", ": ", ", ", "? ", "\n", "\n  ", "\n    ", "\t", " ", "#", "&a ", "&b ", "*a", "*b", "&a [*a]",
            "!!str ", "!!int ", "!!map ", "!!seq ", "!!binary ", "!local ", "!<tag:x> ", "%YAML 1.1\n", "%TAG ! tag:x\n---\n", "---\n", "...\n",
            "|", ">", "|-", ">+2", "'", "\"", "\\", "\\x00", "\\uD800", "\\U0010FFFF", "\\N", "~", "null", ".inf", "-.nan", "0x1F", "0o17",
            "1_000", "1:30", "2024-01-02", "1e400", "-0", "yes", "<<: *a", "=", "\0", "\ufeff", "\u2028", "\u0085", "\ud800", "é", "😀",
            "type: model", "custom: ", "labels: ", "virtual: ", "stages: ", "INDEX: ", "artifacts: ", "meta: ",
        };

        [Fact]
        public void Ten_thousand_random_inputs_give_results_within_the_limits_or_gto_errors()
        {
            var random = new Random(Seed);
            int parsed = 0, tooDeep = 0;
            for (int i = 0; i < Inputs; i++)
            {
                var input = Generate(random, i);
                try
                {
                    var refusal = Exercise(input);
                    if (refusal == null) parsed++;
                    else if (refusal.Contains($"more than {SafeYaml.MaxDepth} levels", StringComparison.Ordinal)) tooDeep++;
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Input {i} (seed {Seed}) threw {ex.GetType().FullName}: {ex.Message}\n" +
                                                       $"Input starts: {Preview(input)}\n{ex}");
                }
            }
            _output.WriteLine($"{Inputs} inputs: {parsed} parsed, {tooDeep} refused as too deep.");
            // The corpus reaches the depth limit (the one that keeps a stack from overflowing), so the test guards it.
            Assert.True(tooDeep > 0, "no input reached the depth limit");
        }

        // Runs every reader on the input; returns why the loader refused it, or null when it accepted it.
        private static string? Exercise(string input)
        {
            YamlValue? root = null;
            string? refusal = null;
            try
            {
                root = SafeYaml.Load(input);
                if (root != null) AssertWithinLimits(root);
            }
            catch (YamlInputException ex)
            {
                refusal = ex.Message;
            }
            var loaded = refusal == null;
            var artifacts = AnnotationParser.ParseArtifactsYaml(input);
            Assert.True(artifacts.Problem != null || loaded);
            AnnotationParser.ParseDvcYaml(input, "");
            AnnotationParser.ParseDvcYaml(input, "sub");
            try
            {
                RegistryConfig.Parse(input, "/fuzz/.gto", NoEnvironment);
            }
            catch (GtoException ex)
            {
                Assert.Equal("InvalidConfig", ex.ErrorId);
            }
            try
            {
                RegistryConfig.Parse("", "/fuzz/.gto", new Hashtable { ["GTO_STAGES"] = input });
            }
            catch (GtoException ex)
            {
                Assert.Equal("InvalidConfig", ex.ErrorId);
                Assert.Contains("GTO_STAGES", ex.Message);
            }
            if (root != null) AssertRewritable(AnnotationParser.ToObject(root));
            return refusal;
        }

        private static void AssertWithinLimits(YamlValue root)
        {
            Assert.InRange(root.Height, 0, SafeYaml.MaxDepth);
            Assert.InRange(root.Nodes, 1, SafeYaml.MaxNodes);
            Assert.InRange(root.Characters, 0, SafeYaml.MaxCharacters);
            Assert.Equal((root.Nodes, root.Characters), Expanded(root));
        }

        // The values and characters of a value with every alias expanded (mapping keys included), walked with a
        // stack of its own; the walk stops once past the node limit, so a reader that undercounts fails, not hangs.
        private static (long Nodes, long Characters) Expanded(YamlValue root)
        {
            long nodes = 0, characters = 0;
            var pending = new Stack<YamlValue>();
            pending.Push(root);
            while (pending.Count > 0 && nodes <= SafeYaml.MaxNodes)
            {
                nodes++;
                switch (pending.Pop())
                {
                    case YamlScalar scalar:
                        characters += scalar.Text.Length;
                        break;
                    case YamlList list:
                        foreach (var item in list.Items) pending.Push(item);
                        break;
                    case YamlMap map:
                        foreach (var entry in map.Entries)
                        {
                            nodes++;
                            characters += entry.Key.Length;
                            pending.Push(entry.Value);
                        }
                        break;
                }
            }
            return (nodes, characters);
        }

        // What was read, written again, reads back equal: the writer quotes whatever needs it.
        private static void AssertRewritable(object? value)
        {
            var text = YamlWriter.Write(value);
            // Aliases are written out in full, so the text can outgrow the file limit.
            if (Encoding.UTF8.GetByteCount(text) > SafeYaml.MaxBytes) return;
            var again = AnnotationParser.ToObject(SafeYaml.Load(text)!);
            Assert.True(SameValue(value, again), $"Rewritten as:\n{Preview(text)}");
        }

        private static bool SameValue(object? a, object? b)
        {
            switch (a)
            {
                case OrderedDictionary map:
                    return b is OrderedDictionary otherMap && map.Count == otherMap.Count &&
                           map.Keys.Cast<string>().All(k => otherMap.Contains(k) && SameValue(map[k], otherMap[k]));
                case List<object?> list:
                    return b is List<object?> otherList && list.Count == otherList.Count &&
                           list.Select((item, n) => SameValue(item, otherList[n])).All(same => same);
                case double d:
                    return b is double otherDouble && d.Equals(otherDouble);
                default:
                    return Equals(a, b);
            }
        }

        private static string Generate(Random random, int i)
        {
            switch (i % 6)
            {
                case 0: case 1: case 2: return Mutate(random, Seeds[random.Next(Seeds.Length)], random.Next(1, 12));
                case 3: return Structure(random);
                case 4: return Deep(random);
                default: return RandomBytes(random);
            }
        }

        private static string Mutate(Random random, string text, int edits)
        {
            var sb = new StringBuilder(text);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(sb.Length + 1);
                switch (random.Next(6))
                {
                    case 0: sb.Insert(at, Pieces[random.Next(Pieces.Length)]); break;
                    case 1: if (at < sb.Length) sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 8))); break;
                    case 2: if (at < sb.Length) sb[at] = (char)random.Next(0, 128); break;
                    case 3:
                        int from = random.Next(sb.Length + 1), length = Math.Min(sb.Length - from, random.Next(1, 40));
                        sb.Insert(at, sb.ToString(from, length));
                        break;
                    case 4: sb.Insert(at, new string(' ', random.Next(1, 6))); break;
                    default: sb.Insert(at, Pieces[random.Next(Pieces.Length)] + Pieces[random.Next(Pieces.Length)]); break;
                }
            }
            return sb.ToString();
        }

        // Random flow and block structure with anchors, aliases (including of enclosing collections) and odd scalars.
        private static string Structure(Random random)
        {
            var sb = new StringBuilder();
            int anchors = 0;
            void Value(int depth)
            {
                // Collections grow rarer with depth (and stop at a size), so the structure stays finite.
                int pick = depth > 70 || sb.Length > 200_000 ? 0 : random.Next(10 + depth);
                if (pick < 4 || pick >= 10)
                {
                    if (anchors > 0 && random.Next(4) == 0) sb.Append('*').Append('a').Append(random.Next(anchors));
                    else sb.Append(Pieces[random.Next(Pieces.Length)].Trim());
                    return;
                }
                if (random.Next(3) == 0) sb.Append("&a").Append(anchors++).Append(' ');
                bool map = pick >= 7;
                sb.Append(map ? '{' : '[');
                int items = random.Next(0, 5);
                for (int k = 0; k < items; k++)
                {
                    if (k > 0) sb.Append(", ");
                    if (map)
                    {
                        if (random.Next(8) == 0) Value(depth + 1); else sb.Append('k').Append(random.Next(6));
                        sb.Append(": ");
                    }
                    Value(depth + 1);
                }
                sb.Append(map ? '}' : ']');
            }
            sb.Append(Pieces[random.Next(Pieces.Length)]);
            Value(0);
            // Sometimes a billion-laughs tail: each level lists the one before nine times.
            if (random.Next(4) == 0)
            {
                sb.Append("\n---\n[&l0 [x, x, x, x, x, x, x, x, x]");
                int levels = random.Next(2, 12);
                for (int l = 1; l < levels; l++)
                    sb.Append(", &l").Append(l).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*l" + (l - 1), 9))).Append(']');
                sb.Append(']');
            }
            return sb.ToString();
        }

        private static string Deep(Random random)
        {
            int depth = random.Next(4) == 0 ? 100_000 : random.Next(50, 80);
            string[] open = { "[", "{a: ", "- ", "{? ", "&x [" };
            string[] close = { "]", "}", "", "}", "]" };
            int shape = random.Next(open.Length);
            var sb = new StringBuilder(random.Next(2) == 0 ? "m:\n  custom: " : "stages: ");
            if (random.Next(3) == 0)
                for (int d = 0; d < depth; d++) sb.Append(random.Next(2) == 0 ? "[" : "{a: ");
            else
                sb.Insert(sb.Length, open[shape], depth);
            sb.Append("x");
            if (random.Next(4) != 0) sb.Insert(sb.Length, close[shape], depth);
            return sb.ToString();
        }

        private static string RandomBytes(Random random)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            // Mostly printable ASCII with YAML's punctuation, so the parser gets past the first character.
            const string punctuation = "[]{}-:,?&*!|>'\"%@`#\n \tab01";
            for (int b = 0; b < bytes.Length; b++)
                if (random.Next(3) != 0) bytes[b] = (byte)punctuation[bytes[b] % punctuation.Length];
            return Encoding.UTF8.GetString(bytes);
        }

        private static string Preview(string s) => s.Length <= 300 ? s : s.Substring(0, 300) + $"... ({s.Length} chars)";
    }
}
