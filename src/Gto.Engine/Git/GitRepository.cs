using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using LibGit2Sharp;

namespace Gto.Engine.Git
{
    /// <summary>The only place that talks to LibGit2Sharp. Everything it returns is plain engine data.</summary>
    internal sealed class GitRepository : IDisposable
    {
        private readonly Repository _repo;
        private readonly Dictionary<string, CommitInfo?> _commits = new Dictionary<string, CommitInfo?>(StringComparer.Ordinal);

        private GitRepository(Repository repo, string root)
        {
            _repo = repo;
            Root = root;
        }

        /// <summary>The work-tree root, or the git directory of a bare repository.</summary>
        public string Root { get; }

        public bool IsBare => _repo.Info.IsBare;

        /// <summary>The git directory of the repository containing <paramref name="path"/> (a subfolder of a work tree works).</summary>
        public static string Discover(string path)
        {
            var full = Path.GetFullPath(path);
            if (!Directory.Exists(full))
                throw new GtoException(GtoErrors.NotARepository,
                    $"The path '{full}' does not exist. Point -Repository at a folder inside a Git repository.", full);
            return Repository.Discover(full) ?? throw new GtoException(GtoErrors.NotARepository,
                $"'{full}' is not a Git repository. Point -Repository at a folder inside a Git repository, or run 'git init' there.", full);
        }

        /// <summary>Opens a repository by its git directory.</summary>
        public static GitRepository OpenGitDirectory(string gitDir)
        {
            var repo = new Repository(gitDir);
            var root = repo.Info.WorkingDirectory ?? repo.Info.Path;
            return new GitRepository(repo, Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        }

        /// <summary>
        /// Every tag, in git's name order (byte order, which is the code-point order GTO sorts by), with the fields GTO
        /// reads from annotated ones. One <c>git for-each-ref</c> reads them all: git parses ten thousand tag objects
        /// about twice as fast as a lookup per tag through LibGit2Sharp, and reading every tag is the cost of every
        /// command. The tags stream in as git writes them, so the caller's work overlaps git's.
        /// </summary>
        /// <remarks>
        /// git starts at once, and spends most of its time before its first line: the caller opens the repository,
        /// reads the config and HEAD's annotations meanwhile, then enumerates. Dispose the result if it is not enumerated.
        /// </remarks>
        public static TagStream ReadTags(string gitDir, CancellationToken cancellation = default)
        {
            const string format = "%(refname)%00%(objecttype)%00%(*objectname)%00%(taggername)%00%(taggeremail)%00%(taggerdate:raw)%00%(contents)%00";
            var fields = GitCli.Fields(gitDir, new[] { "--git-dir=" + gitDir, "for-each-ref", "--format=" + format, "refs/tags" },
                error => new GtoException(GtoErrors.GitFailed,
                    $"git could not list the tags of '{gitDir}': {error}. Gto needs git on PATH.", gitDir), cancellation);
            return new TagStream(fields);
        }

        /// <summary>The tags of a running <c>git for-each-ref</c>; disposing stops git if the tags were not all read.</summary>
        public sealed class TagStream : IDisposable
        {
            private readonly GitCli.FieldReader _fields;

            internal TagStream(GitCli.FieldReader fields) => _fields = fields;

            public IEnumerable<TagRef> Tags() => ToTags(_fields.Read());

            public void Dispose() => _fields.Dispose();
        }

        private static IEnumerable<TagRef> ToTags(IEnumerable<string> fields)
        {
            var record = new string[7];
            int i = 0;
            foreach (var field in fields)
            {
                record[i++] = field;
                if (i < 7) continue;
                i = 0;
                // Each record after the first starts with the newline git writes after the previous one.
                var name = record[0].TrimStart('\n').Substring("refs/tags/".Length);
                var raw = record[1] != "tag" ? null
                    : new RawTag(name, record[2], record[3], record[4].Trim('<', '>'), record[5], record[6].Trim());
                yield return new TagRef(name, raw);
            }
        }

        /// <summary>Commit fields, cached; null if the SHA is not a commit.</summary>
        /// <remarks>
        /// A date .NET cannot hold (git accepts years past 9999 and offsets past ±14 hours) never fails the read: libgit2
        /// already reads a bad offset as UTC, and a time it cannot give is taken from the raw commit and clamped.
        /// </remarks>
        public CommitInfo? ReadCommit(string sha)
        {
            if (_commits.TryGetValue(sha, out var cached)) return cached;
            CommitInfo? info = null;
            var c = LookupCommit(sha, out var unparsable);
            try
            {
                if (c != null)
                    info = new CommitInfo(c.Sha, c.Author.Name, c.Author.Email, c.Committer.Name, c.Committer.Email,
                        c.Committer.When, c.Message);
            }
            catch (ArgumentOutOfRangeException)
            {
                // LibGit2Sharp builds the signature's DateTimeOffset only when asked, and fails on years past 9999.
                unparsable = true;
            }
            if (unparsable) info = CommitHeader.Read(GitDirectory, sha)?.ToCommitInfo();
            _commits[sha] = info;
            return info;
        }

        /// <summary>
        /// Throws UnreadableCommitDate when the commit's author or committer date cannot be represented: GTO reads the
        /// commit of every version it shows, and fails on some of these dates. Call before writing a tag.
        /// </summary>
        public void AssertWritableCommit(string sha)
        {
            // A commit git cannot read at all is not this check's business: writing the tag reports it.
            var header = CommitHeader.Read(GitDirectory, sha);
            if (header == null) return;
            foreach (var (role, date) in new[] { ("author", header.AuthorDate), ("committer", header.CommitterDate) })
                if (RawDate.TryParse(date) == null)
                    throw new GtoException(GtoErrors.UnreadableCommitDate,
                        $"The commit {sha} has the {role} date '{date}', which cannot be read ({RawDate.Rule}), so no tag was " +
                        "written: a version there would carry a date Gto cannot show and GTO 1.10 may fail to read. Tag another " +
                        "commit, for example a new commit made on top of it with a valid date.", sha);
        }

        /// <summary>The commit, or null when the SHA is no commit or libgit2 cannot parse it (<paramref name="unparsable"/>).</summary>
        private Commit? LookupCommit(string sha, out bool unparsable)
        {
            unparsable = false;
            try
            {
                return _repo.Lookup(new ObjectId(sha)) as Commit;
            }
            catch (LibGit2SharpException)
            {
                // libgit2 refuses a commit whose signature has no readable time at all (git itself reads it as 0).
                unparsable = true;
                return null;
            }
        }

        private Commit? LookupCommit(string sha) => LookupCommit(sha, out _);

        /// <summary>The blob SHA of <paramref name="path"/> at a commit, without reading the content.</summary>
        public string? FileId(string commitSha, string path)
        {
            if (!(LookupCommit(commitSha) is Commit c)) return null;
            var entry = c[path];
            return entry != null && entry.TargetType == TreeEntryTargetType.Blob ? entry.Target.Sha : null;
        }

        /// <summary>True when <paramref name="path"/> names a file or folder in the tree of a commit.</summary>
        public bool TreeEntryExists(string commitSha, string path) =>
            LookupCommit(commitSha) is Commit c && c[path.TrimEnd('/')] != null;

        public string ReadBlob(string blobSha) => ((Blob)_repo.Lookup(new ObjectId(blobSha))).GetContentText();

        /// <summary>A blob's size in bytes, read from its header, so a huge blob can be refused before it is loaded.</summary>
        public long BlobSize(string blobSha) => _repo.ObjectDatabase.RetrieveObjectMetadata(new ObjectId(blobSha)).Size;

        /// <summary>Paths of every file named <paramref name="fileName"/> in the tree of a commit.</summary>
        public List<string> FindFiles(string commitSha, string fileName)
        {
            var found = new List<string>();
            if (!(LookupCommit(commitSha) is Commit c)) return found;
            // A work list, not recursion: a hostile commit can nest trees deeper than any thread's stack.
            var pending = new Stack<(Tree Tree, string Prefix)>();
            pending.Push((c.Tree, ""));
            while (pending.Count > 0)
            {
                var (tree, prefix) = pending.Pop();
                foreach (var e in tree)
                {
                    if (e.TargetType == TreeEntryTargetType.Tree) pending.Push(((Tree)e.Target, prefix + e.Name + "/"));
                    else if (e.TargetType == TreeEntryTargetType.Blob && e.Name == fileName) found.Add(prefix + e.Name);
                }
            }
            found.Sort(StringComparer.Ordinal);
            return found;
        }

        /// <summary>The HEAD commit, or null in a repository without commits.</summary>
        public string? HeadCommit
        {
            get
            {
                try
                {
                    return _repo.Head?.Tip?.Sha;
                }
                catch (LibGit2SharpException)
                {
                    // A HEAD commit libgit2 cannot parse (see LookupCommit): its SHA is still HEAD's.
                    return _repo.Refs.Head?.ResolveToDirectReference()?.TargetIdentifier;
                }
            }
        }

        /// <summary>Resolves any revision git understands to a commit SHA; null if it does not resolve.</summary>
        public string? ResolveCommit(string revision)
        {
            // libgit2 throws ArgumentException for white space and reads only up to a NUL ("HEAD\0x" is HEAD).
            if (string.IsNullOrWhiteSpace(revision) || Naming.ControlCharacters.Find(revision, allowLineBreaks: false) >= 0) return null;
            try
            {
                var obj = _repo.Lookup(revision);
                return obj?.Peel<Commit>()?.Sha;
            }
            catch (LibGit2SharpException)
            {
                return null;
            }
        }

        /// <summary>The repository's git directory (where the write lock lives).</summary>
        public string GitDirectory => _repo.Info.Path;

        /// <summary>True when the tag exists. The caller has checked the name with <see cref="Naming.RefFormat"/>.</summary>
        public bool TagExists(string name)
        {
            try
            {
                return _repo.Refs["refs/tags/" + name] != null;
            }
            catch (LibGit2SharpException ex)
            {
                throw TagFailure("look up", name, ex);
            }
        }

        /// <summary>Creates an annotated tag. The caller has checked the name is free and valid.</summary>
        public void CreateTag(string name, string commitSha, string message, Tagger tagger)
        {
            try
            {
                _repo.Tags.Add(name, _repo.Lookup(new ObjectId(commitSha)), new Signature(tagger.Name, tagger.Email, tagger.When), message);
            }
            catch (NameConflictException ex)
            {
                // A writer that does not take Gto's lock (plain git, GTO itself) created it since the check.
                throw new GtoException(GtoErrors.TagExists, $"tag '{name}' already exists", name, ex);
            }
            catch (LibGit2SharpException ex)
            {
                // Say, a tag differing only in letter case is a folder of this one on a case-insensitive file system.
                throw TagFailure("create", name, ex);
            }
        }

        public void DeleteTag(string name)
        {
            try
            {
                _repo.Tags.Remove(name);
            }
            catch (LibGit2SharpException ex)
            {
                // libgit2 cannot handle some names git can (ref names of 1024 bytes and more).
                throw TagFailure("delete", name, ex);
            }
        }

        private static GtoException TagFailure(string verb, string name, LibGit2SharpException ex) =>
            new GtoException(GtoErrors.GitFailed,
                $"Could not {verb} the tag '{Naming.ControlCharacters.Printable(name)}': {ex.Message}. " +
                "Check the tags with 'git tag --list', or use git itself for this tag.", name, ex);


        public void Dispose() => _repo.Dispose();
    }
}
