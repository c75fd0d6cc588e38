using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Gto.Engine.Naming;
using Gto.Engine.Operations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// One row of a planner table: a registry set-up, one planning call, and what GTO would do. The set-up is a list
    /// of tags with their commits, oldest first, e.g. <c>"m@v1.0.0 -> c1, m#prod#1 -> c1"</c>; an entry may end in
    /// <c>lightweight</c> (a tag without annotation) or <c>dated 2001</c> (older than the commits, whose dates are
    /// now; other tags are dated 2037). Every repository has the commits c1, c2 and c3 (HEAD, with an
    /// <c>artifacts.yaml</c> annotating <c>q23-annotated</c>) as branches of those names. A row with <see cref="Gto"/>
    /// runs in a repository whose <c>.gto</c> holds that text.
    /// </summary>
    internal sealed record PlannerRow(string Check, string Setup, Func<RegistryWriter, object> Call, PlannerOutcome Expected)
    {
        public string? Gto { get; init; }

        /// <summary>GTO's --simple as the rows give it (true, false, or null for GTO's "auto") as a tag form.</summary>
        public static TagForm FormOf(bool? simple) => simple switch
        {
            true => TagForm.Simple,
            false => TagForm.Counted,
            null => TagForm.Auto,
        };

        /// <summary>The checks of a table, numbered in table order (GTO's order), for a theory's member data.</summary>
        public static TheoryData<string> Numbered(IReadOnlyList<PlannerRow> rows)
        {
            var data = new TheoryData<string>();
            for (int i = 0; i < rows.Count; i++) data.Add(Key(i, rows[i]));
            return data;
        }

        /// <summary>The row a numbered check names.</summary>
        public static PlannerRow Find(IReadOnlyList<PlannerRow> rows, string numbered)
        {
            var index = int.Parse(numbered.Substring(0, numbered.IndexOf(' ')), CultureInfo.InvariantCulture) - 1;
            Assert.Equal(numbered, Key(index, rows[index]));
            return rows[index];
        }

        private static string Key(int index, PlannerRow row) => $"{index + 1:00} {row.Check}";
    }

    /// <summary>What a planning call should do: fail with a Gto error, or plan tags to create or delete.</summary>
    internal abstract class PlannerOutcome
    {
        /// <summary>A Gto error: its id and a fragment of GTO's message (<c>{c1}</c> stands for the commit's SHA).</summary>
        public static PlannerOutcome Fails(string errorId, string messageFragment) => new Failure(errorId, messageFragment);

        /// <summary>A tag created on commit <paramref name="on"/> (c1, c2 or c3); <c>{c2}</c> in the texts is c2's SHA.</summary>
        public static Plan Creates(string tag, string on, string message, string version) => new Plan().Then(tag, on, message, version);

        /// <summary>Existing tags deleted, in this order.</summary>
        public static Plan Deletes(params string[] tags) => new Plan(tags.Select(t => "delete " + t));

        public sealed class Failure : PlannerOutcome
        {
            public Failure(string errorId, string fragment)
            {
                ErrorId = errorId;
                Fragment = fragment;
            }

            public string ErrorId { get; }
            public string Fragment { get; }
        }

        public sealed class Plan : PlannerOutcome
        {
            private readonly List<string> _lines;

            public Plan(IEnumerable<string>? lines = null, Failure? afterWrite = null)
            {
                _lines = lines?.ToList() ?? new List<string>();
                AfterWrite = afterWrite;
            }

            public IReadOnlyList<string> Lines => _lines;

            /// <summary>The error reported once the tags are written (GTO fails after an implicit registration), or null.</summary>
            public Failure? AfterWrite { get; }

            /// <summary>The next tag created after the ones before (an assignment after its implicit registration).</summary>
            public Plan Then(string tag, string on, string message, string version) =>
                new Plan(_lines.Append(Describe(tag, on, message, version)));

            /// <summary>The tags before are written, then the command fails with this Gto error.</summary>
            public Plan ThenFails(string errorId, string messageFragment) => new Plan(_lines, new Failure(errorId, messageFragment));

            internal static string Describe(string tag, string on, string message, string version) =>
                $"create {tag} on {on} | {message} | {version}";
        }
    }

    /// <summary>
    /// The repositories of one planner table, built once: every row's set-up goes into one repository (one per
    /// distinct <c>.gto</c>), so rows must use artifacts of their own or repeat the very same set-up. Rows only plan,
    /// so one writer per repository serves them all and nothing is ever written.
    /// </summary>
    public abstract class PlannerFixture : IDisposable
    {
        private readonly Dictionary<string, TableRepository> _repositories = new Dictionary<string, TableRepository>(StringComparer.Ordinal);

        private protected PlannerFixture(IEnumerable<PlannerRow> rows)
        {
            try
            {
                foreach (var group in rows.GroupBy(r => r.Gto ?? "", StringComparer.Ordinal))
                    _repositories[group.Key] = new TableRepository(group.Key, group);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        internal void Run(PlannerRow row) => _repositories[row.Gto ?? ""].Run(row);

        public void Dispose()
        {
            foreach (var repository in _repositories.Values) repository.Dispose();
            _repositories.Clear();
        }

        private sealed class TableRepository : IDisposable
        {
            private static readonly Regex Entry = new Regex(
                @"^(?<tag>\S+) -> (?<commit>c[123])(?<lightweight> lightweight)?(?<old> dated 2001)?$", RegexOptions.CultureInvariant);
            private static readonly DateTimeOffset Recent = new DateTimeOffset(2037, 6, 1, 12, 0, 0, TimeSpan.Zero);
            private static readonly DateTimeOffset Old = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

            private readonly TestRepository _repo = new TestRepository();
            private readonly Dictionary<string, string> _commits = new Dictionary<string, string>(StringComparer.Ordinal);
            private readonly RegistryWriter _writer;

            public TableRepository(string gto, IEnumerable<PlannerRow> rows)
            {
                try
                {
                    var first = new List<(string, string)> { ("model.pkl", "weights 1") };
                    if (gto != "") first.Add((".gto", gto + "\n"));
                    _commits["c1"] = _repo.Commit("c1", first.ToArray());
                    _commits["c2"] = _repo.Commit("c2", ("model.pkl", "weights 2"));
                    _commits["c3"] = _repo.Commit("c3", ("artifacts.yaml", "q23-annotated:\n  type: model\n"));
                    foreach (var c in _commits) _repo.Git("branch", c.Key, c.Value);
                    MakeTags(rows);
                    _writer = RegistryWriter.Open(_repo.Path);
                }
                catch
                {
                    _repo.Dispose();
                    throw;
                }
            }

            /// <summary>Each distinct tag once, a second apart in row order, so no two events tie.</summary>
            private void MakeTags(IEnumerable<PlannerRow> rows)
            {
                var setupOf = new Dictionary<string, PlannerRow>(StringComparer.Ordinal);
                var made = new HashSet<string>(StringComparer.Ordinal);
                int second = 0;
                foreach (var row in rows)
                {
                    foreach (var text in row.Setup.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var m = Entry.Match(text);
                        if (!m.Success) throw new FormatException($"Row '{row.Check}': set-up entry '{text}' is not 'tag -> c1|c2|c3 [lightweight] [dated 2001]'.");
                        var tag = m.Groups["tag"].Value;
                        var artifact = TagNames.ArtifactOf(tag, out _)
                                       ?? throw new FormatException($"Row '{row.Check}': '{tag}' is not a GTO tag.");
                        if (setupOf.TryGetValue(artifact, out var owner) && owner.Setup != row.Setup)
                            throw new InvalidOperationException(
                                $"Rows '{owner.Check}' and '{row.Check}' set up artifact '{artifact}' differently; give one of them its own artifact.");
                        setupOf[artifact] = row;
                        if (!made.Add(tag)) continue;
                        var commit = m.Groups["commit"].Value;
                        if (m.Groups["lightweight"].Success) _repo.LightweightTag(tag, commit);
                        else
                        {
                            var date = (m.Groups["old"].Success ? Old : Recent).AddSeconds(++second);
                            _repo.Tag(tag, date.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture), commit);
                        }
                    }
                }
            }

            public void Run(PlannerRow row)
            {
                object? planned = null;
                GtoException? error = null;
                try
                {
                    planned = row.Call(_writer);
                }
                catch (GtoException ex)
                {
                    error = ex;
                }
                if (row.Expected is PlannerOutcome.Failure failure)
                {
                    if (error == null) Assert.Fail($"Expected {failure.ErrorId}, but planned:\n  {string.Join("\n  ", Lines(row, planned))}");
                    Assert.Equal(failure.ErrorId, error.ErrorId);
                    Assert.Contains(WithShas(failure.Fragment), error.Message, StringComparison.Ordinal);
                    return;
                }
                if (error != null) Assert.Fail($"Expected a plan, but failed with {error.ErrorId}: {error.Message}");
                var expected = ((PlannerOutcome.Plan)row.Expected).Lines;
                var actual = Lines(row, planned);
                // Whole lines in the failure: xunit's collection diff cuts them short.
                if (!expected.SequenceEqual(actual))
                    Assert.Fail($"Expected:\n  {string.Join("\n  ", expected)}\nActual:\n  {string.Join("\n  ", actual)}");
                var afterWrite = (planned as WritePlan)?.FailureAfterWrite;
                var expectedAfter = ((PlannerOutcome.Plan)row.Expected).AfterWrite;
                if (expectedAfter == null)
                {
                    Assert.Null(afterWrite);
                    return;
                }
                Assert.NotNull(afterWrite);
                Assert.Equal(expectedAfter.ErrorId, afterWrite.ErrorId);
                Assert.Contains(WithShas(expectedAfter.Fragment), afterWrite.Message, StringComparison.Ordinal);
            }

            private List<string> Lines(PlannerRow row, object? planned)
            {
                var changes = planned switch
                {
                    TagChange one => new[] { one },
                    WritePlan plan => plan.Changes,
                    var other => throw new InvalidOperationException($"Row '{row.Check}' returned {other}."),
                };
                return changes.Select(Describe).ToList();
            }

            /// <summary>A change in the words of <see cref="PlannerOutcome.Plan"/>, commits by their branch names.</summary>
            private string Describe(TagChange change)
            {
                if (change.Delete) return "delete " + change.Tag;
                var on = _commits.FirstOrDefault(c => c.Value == change.Commit).Key ?? change.Commit;
                return PlannerOutcome.Plan.Describe(change.Tag, on, WithNames(change.Message), WithNames(change.Version));
            }

            private string WithShas(string text) => _commits.Aggregate(text, (t, c) => t.Replace("{" + c.Key + "}", c.Value, StringComparison.Ordinal));

            private string WithNames(string text) => _commits.Aggregate(text, (t, c) => t.Replace(c.Value, "{" + c.Key + "}", StringComparison.Ordinal));

            public void Dispose()
            {
                _writer.Dispose();
                _repo.Dispose();
            }
        }
    }
}
