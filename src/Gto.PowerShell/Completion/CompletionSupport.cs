using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using Gto.Engine;

namespace Gto.PowerShell.Completion
{
    /// <summary>One value a completer may offer: the text itself and the tooltip shown for it.</summary>
    internal readonly struct Candidate
    {
        public Candidate(string text, string toolTip)
        {
            Text = text;
            ToolTip = toolTip;
        }

        public string Text { get; }
        public string ToolTip { get; }
    }

    /// <summary>
    /// The registries Tab presses read, kept between presses: a registry is read again only when its refs, HEAD or
    /// config changed (docs/performance.md#the-completion-cache). A class of its own, so that the engine types load
    /// inside <see cref="CompletionSupport.Guard"/>'s try, never in CompletionSupport's static initialiser.
    /// </summary>
    internal static class CompletionCache
    {
        public static readonly RegistryCache Registries = new RegistryCache();

        /// <summary>How long a Tab press may wait for git's tag read: a bound for a hung file system, not a target.</summary>
        public static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(10);

        // Candidate lists by registry read: a snapshot never changes, so what a completer derived from it holds
        // until the cache reads the registry again (a new Registry, a new key). Weak, so dropped registries go.
        private static readonly ConditionalWeakTable<Registry, ConcurrentDictionary<string, IReadOnlyList<Candidate>>> Made =
            new ConditionalWeakTable<Registry, ConcurrentDictionary<string, IReadOnlyList<Candidate>>>();

        /// <summary>The candidates <paramref name="make"/> derives from <paramref name="registry"/>, made once per read.</summary>
        /// <param name="key">What the list is (which completer, for which artifact and options).</param>
        public static IReadOnlyList<Candidate> Remember(Registry registry, string key, Func<IReadOnlyList<Candidate>> make) =>
            Made.GetOrCreateValue(registry).GetOrAdd(key, _ => make());
    }

    /// <summary>
    /// What every Gto completer shares: finding the repository the command line points at, reading its registry,
    /// matching what was typed, and quoting the results. Nothing here throws: a completer that fails offers nothing.
    /// </summary>
    internal static class CompletionSupport
    {
        private static readonly IEnumerable<CompletionResult> None = Array.Empty<CompletionResult>();

        // Characters that make PowerShell read a bare argument differently (or that GTO tags use as separators,
        // which the issue asks to see quoted): a completion holding any of them comes back quoted.
        private static readonly char[] NeedsQuotes = { '#', '@', '!', '\'', '"', '`', '$', ',', ';', '(', ')', '{', '}', '|', '&', '<', '>', '\u2018', '\u2019', '\u201C', '\u201D' };

        /// <summary>
        /// Runs a completer's work and gives no results when anything fails: not a repository, a bad .gto, a runspace
        /// we cannot ask, or an engine that failed to load (the work touches engine types only once inside the try).
        /// </summary>
        public static IEnumerable<CompletionResult> Guard(Func<IEnumerable<CompletionResult>> work)
        {
            try
            {
                return work() ?? None;
            }
            catch (Exception)
            {
                return None;
            }
        }

        /// <summary>
        /// Runs <paramref name="collect"/> against the registry of the command line's repository and turns the candidates
        /// that match <paramref name="wordToComplete"/> into completion results (call it through <see cref="Guard"/>).
        /// </summary>
        /// <param name="collect">Gets the registry and the typed word without its quotes; returns the candidates in offer order.</param>
        /// <param name="sort">Sort the results ordinally (else they keep <paramref name="collect"/>'s order).</param>
        public static IEnumerable<CompletionResult> Complete(string? wordToComplete, IDictionary? fakeBoundParameters,
            Func<Registry, string, IEnumerable<Candidate>> collect, bool sort)
        {
            wordToComplete ??= "";
            var quote = OpeningQuote(wordToComplete);
            var word = Unquote(wordToComplete, quote);
            var path = RepositoryPath(fakeBoundParameters);
            if (path == null) return None;
            List<Candidate> candidates;
            // A Tab press that would wait longer than this for git offers nothing instead (git is stopped).
            using (var limit = new CancellationTokenSource(CompletionCache.ReadLimit))
                candidates = CompletionCache.Registries.Use(path, registry => collect(registry, word).ToList(), limit.Token);
            var matcher = Matcher(word);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var matching = candidates.Where(c => matcher(c.Text) && seen.Add(c.Text));
            if (sort) matching = matching.OrderBy(c => c.Text, StringComparer.Ordinal);
            return matching.Select(c => new CompletionResult(Quote(c.Text, quote), c.Text, CompletionResultType.ParameterValue,
                string.IsNullOrEmpty(c.ToolTip) ? c.Text : c.ToolTip)).ToList();
        }

        /// <summary>
        /// The file-system path of the repository: the command line's -Repository (resolved against PowerShell's current
        /// location, like the cmdlets do), else the current location. Null when -Repository holds something unknowable.
        /// </summary>
        private static string? RepositoryPath(IDictionary? fakeBoundParameters)
        {
            string? given = null;
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Repository"))
            {
                given = Values(fakeBoundParameters["Repository"]).FirstOrDefault();
                // -Repository is on the line but its value could not be worked out (say, a command's output):
                // guessing the current location instead could offer another repository's names.
                if (string.IsNullOrEmpty(given)) return null;
            }
            // Completers run on the pipeline thread of the session that asked (TabExpansion2), so a script block
            // reaches that session's current location and providers, as the cmdlets' SessionState does.
            var result = ScriptBlock.Create(
                "param($p) $s = $ExecutionContext.SessionState.Path; " +
                "if ([string]::IsNullOrEmpty($p)) { $s.CurrentFileSystemLocation.ProviderPath } " +
                "else { $s.GetUnresolvedProviderPathFromPSPath($p) }").Invoke(given);
            var path = result.Count == 1 ? result[0]?.BaseObject as string : null;
            return string.IsNullOrEmpty(path) ? null : path;
        }

        /// <summary>The strings a bound parameter value holds: one string, or each element of an array.</summary>
        public static IEnumerable<string> Values(object? value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            if (value == null) yield break;
            if (value is string s)
            {
                yield return s;
                yield break;
            }
            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    var inner = item is PSObject p ? p.BaseObject : item;
                    if (inner is string text) yield return text;
                }
            }
        }

        /// <summary>The strings bound to the first of <paramref name="names"/> present on the command line.</summary>
        public static List<string> Bound(IDictionary? fakeBoundParameters, params string[] names)
        {
            if (fakeBoundParameters == null) return new List<string>();
            foreach (var name in names)
                if (fakeBoundParameters.Contains(name))
                    return Values(fakeBoundParameters[name]).Where(v => !string.IsNullOrEmpty(v)).ToList();
            return new List<string>();
        }

        /// <summary>True when the switch <paramref name="name"/> is on the command line and not set to $false.</summary>
        public static bool Switch(IDictionary? fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name)) return false;
            var value = fakeBoundParameters[name] is PSObject ps ? ps.BaseObject : fakeBoundParameters[name];
            return value switch
            {
                bool b => b,
                SwitchParameter sp => sp.IsPresent,
                _ => true,
            };
        }

        /// <summary>The artifact names of the registry that <paramref name="patterns"/> (names or wildcards) select.</summary>
        public static List<string> SelectArtifacts(Registry registry, IEnumerable<string> patterns)
        {
            var names = registry.Queries.ArtifactNames.ToList();
            var selected = new List<string>();
            foreach (var p in patterns)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(p))
                {
                    if (registry.Queries.HasArtifact(p)) selected.Add(p);
                    continue;
                }
                var pattern = WildcardPattern.Get(p, WildcardOptions.None);
                selected.AddRange(names.Where(n => pattern.IsMatch(n)));
            }
            return selected.Distinct(StringComparer.Ordinal).ToList();
        }

        private static Func<string, bool> Matcher(string word)
        {
            if (word.Length == 0) return _ => true;
            if (WildcardPattern.ContainsWildcardCharacters(word))
            {
                var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                return pattern.IsMatch;
            }
            return text => text.StartsWith(word, StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsSingleQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
        private static bool IsDoubleQuote(char c) => c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';

        /// <summary>The quote the user opened the argument with: ', " or none.</summary>
        private static char? OpeningQuote(string word) =>
            word.Length == 0 ? (char?)null : IsSingleQuote(word[0]) ? '\'' : IsDoubleQuote(word[0]) ? '"' : (char?)null;

        /// <summary>The typed word without its opening (and a closing) quote, and with doubled quotes undone.</summary>
        private static string Unquote(string word, char? quote)
        {
            if (quote == null) return word;
            var inner = word.Substring(1);
            if (inner.Length > 0 && (quote == '\'' ? IsSingleQuote(inner[inner.Length - 1]) : IsDoubleQuote(inner[inner.Length - 1])))
                inner = inner.Substring(0, inner.Length - 1);
            return quote == '\'' ? inner.Replace("''", "'") : inner.Replace("`\"", "\"").Replace("`$", "$").Replace("``", "`");
        }

        /// <summary>
        /// The text to insert: as typed when nothing in it needs quoting, else single-quoted (embedded single quotes doubled);
        /// an argument the user opened with a quote keeps that quote.
        /// </summary>
        internal static string Quote(string text, char? opened)
        {
            if (opened == '"')
                return "\"" + text.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            if (opened == '\'' || text.Length == 0 || text.IndexOfAny(NeedsQuotes) >= 0 || text.Any(char.IsWhiteSpace))
                return "'" + text.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019") + "'";
            return text;
        }
    }
}
