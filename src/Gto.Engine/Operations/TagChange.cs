using System.Collections.Generic;

namespace Gto.Engine.Operations
{
    /// <summary>One tag a write operation creates or deletes, decided before anything is written.</summary>
    internal sealed class TagChange
    {
        public TagChange(TagAction action, string tag, string commit, string message, string version, bool delete = false)
        {
            Action = action;
            Tag = tag;
            Commit = commit;
            Message = message;
            Version = version;
            Delete = delete;
        }

        public TagAction Action { get; }
        public string Tag { get; }
        /// <summary>The commit the tag points at.</summary>
        public string Commit { get; }
        public string Message { get; }
        /// <summary>The version the tag is about (a SHA for a skip-registration assignment; empty for deprecation).</summary>
        public string Version { get; }
        /// <summary>True when the existing tag is deleted rather than created.</summary>
        public bool Delete { get; }

        /// <summary>What the change does, in words, for -WhatIf and -Verbose.</summary>
        public string Describe() => Delete ? $"Delete tag '{Tag}'" : Action switch
        {
            TagAction.Register => $"Create tag '{Tag}' on {Short(Commit)}: register version {Version}",
            TagAction.Deregister => $"Create tag '{Tag}' on {Short(Commit)}: deregister version {Version}",
            TagAction.Assign => $"Create tag '{Tag}' on {Short(Commit)}: assign stage to version {Version}",
            TagAction.Unassign => $"Create tag '{Tag}' on {Short(Commit)}: unassign stage from version {Version}",
            _ => $"Create tag '{Tag}' on {Short(Commit)}: deprecate the artifact",
        };

        private static string Short(string sha) => sha.Length > 7 ? sha.Substring(0, 7) : sha;
    }

    /// <summary>The tags one operation writes, in order (an implicit registration comes before its assignment).</summary>
    internal sealed class WritePlan
    {
        public WritePlan(IReadOnlyList<TagChange> changes, GtoException? failureAfterWrite = null)
        {
            Changes = changes;
            FailureAfterWrite = failureAfterWrite;
        }

        public IReadOnlyList<TagChange> Changes { get; }

        /// <summary>
        /// The error GTO reports after writing <see cref="Changes"/> (an implicit registration whose assignment then
        /// fails its check): the changes are written, then this is reported. Null for a plan that simply succeeds.
        /// </summary>
        public GtoException? FailureAfterWrite { get; }
    }
}
