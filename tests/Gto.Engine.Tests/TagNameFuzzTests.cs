using System;
using System.Collections.Generic;
using System.Text;
using Gto.Engine.Naming;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// The tag-name parser over 10,000 seeded random inputs (strings from GTO's alphabet and hostile characters,
    /// and mutations of valid tag names): it never throws, and whatever it accepts is a tag Gto could have
    /// composed, with valid names. Also: every grammar matches to the end of the string, not before a final newline.
    /// </summary>
    public class TagNameFuzzTests
    {
        private const string GtoAlphabet = "abcmzAZ019_-/.=@#!v+";
        private const string Hostile = "\n\r\t\0 \u007f\u0085\u00e9\u202e\u2028~^:?*[]\\{}$'\"`;|&<>%,";

        private static readonly string[] ValidTags =
        {
            "churn@v1.0.0", "churn@v1.0.0!", "churn#prod", "churn#prod#3", "churn#prod!#4", "churn@deprecated", "churn@deprecated#7",
            "dir/sub=churn@v1.2.3-rc.1+build.5", "a.b/c=d#stage-a_b#12", "m@v0.0.1#1", "m@v10.20.30!#2", "x@created",
        };

        [Fact]
        public void Parser_never_throws_and_what_it_accepts_round_trips()
        {
            var random = new Random(20240611);
            var accepted = 0;
            for (int i = 0; i < 10_000; i++)
            {
                var input = i % 2 == 0 ? RandomString(random) : Mutate(random, ValidTags[random.Next(ValidTags.Length)]);
                try
                {
                    if (Check(input)) accepted++;
                }
                catch (Exception ex) when (!(ex is Xunit.Sdk.XunitException))
                {
                    throw new Xunit.Sdk.XunitException($"Input #{i} '{Escape(input)}' threw {ex.GetType().Name}: {ex.Message}");
                }
            }
            // The mutations keep enough inputs valid that the round trip is really exercised.
            Assert.True(accepted > 500, $"only {accepted} inputs parsed");
        }

        /// <returns>True when the parser accepted <paramref name="input"/>.</returns>
        private static bool Check(string input)
        {
            var match = TagNames.TryParse(input, out var parsed);
            var artifact = TagNames.ArtifactOf(input, out var counter);
            Shortcut.Parse(input, out _);
            // ArtifactOf also names the artifact of a GTO-shaped tag whose counter is too large to be GTO's.
            if (match == TagNames.Match.None) return false;
            Assert.NotNull(artifact);
            Assert.True(Names.IsValidFullName(artifact), $"'{Escape(input)}' gave the artifact '{Escape(artifact)}'");
            Assert.Equal(-1, ControlCharacters.Find(input, allowLineBreaks: false));
            if (match == TagNames.Match.Created) return true;
            Assert.Equal(parsed.Artifact, artifact);
            Assert.Equal(parsed.Counter, counter);
            if (parsed.Stage != null) Assert.True(Names.IsValidName(parsed.Stage), $"'{Escape(input)}' gave the stage '{parsed.Stage}'");
            if (parsed.Version != null)
                Assert.True(SemVer.IsValid(parsed.Version) || SemVer.IsOutOfRange(parsed.Version),
                    $"'{Escape(input)}' gave the version '{parsed.Version}'");
            var composed = TagNames.Compose(parsed.Artifact, parsed.ActionKind, parsed.Version, parsed.Stage, parsed.Counter);
            Assert.Equal(TagNames.Match.Tag, TagNames.TryParse(composed, out var again));
            Assert.Equal((parsed.Artifact, parsed.ActionKind, parsed.Version, parsed.Stage, parsed.Counter),
                (again.Artifact, again.ActionKind, again.Version, again.Stage, again.Counter));
            // GTO reads "#01" as counter 1 and writes "#1": the only spelling that does not come back unchanged.
            if (!input.Contains("#0")) Assert.Equal(input, composed);
            return true;
        }

        private static string RandomString(Random random)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 40);
            for (int j = 0; j < length; j++)
            {
                var roll = random.Next(100);
                if (roll < 80) sb.Append(GtoAlphabet[random.Next(GtoAlphabet.Length)]);
                else if (roll < 95) sb.Append(Hostile[random.Next(Hostile.Length)]);
                else sb.Append((char)random.Next(0xD800, 0xE000)); // lone surrogates
            }
            return sb.ToString();
        }

        private static string Mutate(Random random, string tag)
        {
            var sb = new StringBuilder(tag);
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations; m++)
            {
                int at = random.Next(sb.Length + 1);
                switch (random.Next(8))
                {
                    case 0: sb.Insert(at, GtoAlphabet[random.Next(GtoAlphabet.Length)]); break;
                    case 1: sb.Insert(at, Hostile[random.Next(Hostile.Length)]); break;
                    case 2: if (at < sb.Length) sb.Remove(at, 1); break;
                    case 3: if (at < sb.Length) sb[at] = GtoAlphabet[random.Next(GtoAlphabet.Length)]; break;
                    case 4: sb.Append('\n'); break;
                    case 5: sb.Insert(at, random.Next(2) == 0 ? "99999999999999999999" : "2147483648"); break;
                    case 6: sb.Insert(at, sb.ToString(0, at)); break; // repeat a prefix: "a/b=a/b=..."
                    default: break; // some stay valid
                }
            }
            return sb.ToString();
        }

        private static string Escape(string? text) => ControlCharacters.Printable(text);

        public static IEnumerable<object[]> Grammars() => new[]
        {
            new object[] { "name", (Func<string, bool>)Names.IsValidName, "churn" },
            new object[] { "full name", (Func<string, bool>)Names.IsValidFullName, "dir/sub:churn" },
            new object[] { "version", (Func<string, bool>)SemVer.IsValid, "v1.2.3-rc.1+b.5" },
            new object[] { "tag", (Func<string, bool>)(t => TagNames.TryParse(t, out _) == TagNames.Match.Tag), "dir=churn#prod!#3" },
            new object[] { "tag artifact", (Func<string, bool>)(t => TagNames.ArtifactOf(t, out _) != null), "churn@created#2" },
            new object[] { "shortcut", (Func<string, bool>)(t => Shortcut.Parse(t, out var f) != t || f.Latest), "churn@latest" },
        };

        [Theory]
        [MemberData(nameof(Grammars))]
        public void Grammars_match_to_the_end_of_the_string(string grammar, Func<string, bool> accepts, string valid)
        {
            Assert.True(accepts(valid), $"the {grammar} grammar refuses '{valid}'");
            foreach (var ending in new[] { "\n", "\r\n", "\r", "\n\n", "\0", " " })
                Assert.False(accepts(valid + ending), $"the {grammar} grammar accepts '{Escape(valid + ending)}'");
        }
    }
}
