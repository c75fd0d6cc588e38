using System.Management.Automation;
using Gto.Engine.Queries;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>The view options GTO <c>show</c> has, shared by Get-GtoArtifact and Get-GtoVersion.</summary>
    public abstract class GtoViewCmdlet : GtoReadCmdlet
    {
        /// <summary>Include deprecated artifacts (GTO -d); for versions, also deregistered ones.</summary>
        [Parameter]
        public SwitchParameter IncludeDeprecated { get; set; }

        /// <summary>Ignore versions no registration tag names (GTO --ro).</summary>
        [Parameter]
        public SwitchParameter RegisteredOnly { get; set; }

        /// <summary>How many versions each stage shows; -1 for all (GTO --vs).</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int VersionsPerStage { get; set; } = 1;

        /// <summary>How many stages each version keeps; -1 for all (GTO --av).</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int AssignmentsPerVersion { get; set; } = -1;

        /// <summary>Which version wins a stage: the most recent assignment, or the greatest version (GTO --sort).</summary>
        [Parameter]
        public VersionSort Sort { get; set; } = VersionSort.Timestamp;

        /// <summary>
        /// Compute stages from the assignments the promotion policy counts only (docs/governance.md#the-trusted-view);
        /// fails with PolicyNotFound when the registry has no policy.
        /// </summary>
        [Parameter]
        public SwitchParameter Trusted { get; set; }

        /// <inheritdoc />
        protected override bool ReadsTrustedView => Trusted;

        internal ViewOptions Options() => new ViewOptions
        {
            IncludeDeprecated = IncludeDeprecated,
            RegisteredOnly = RegisteredOnly,
            VersionsPerStage = VersionsPerStage,
            AssignmentsPerVersion = AssignmentsPerVersion,
            Sort = Sort,
        };
    }
}
