using System;
using System.Linq;
using Gto.Engine.Operations;
using Xunit;
using static Gto.Engine.Tests.PlannerOutcome;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// GTO's three <c>deprecate</c> commands: unassign (NAME VERSION STAGE), deregister (NAME VERSION) and deprecate
    /// (NAME). One row per check, in the order GTO makes them, then the rows where two checks apply and the earlier
    /// one must win. The three tables share one repository, so their artifacts differ. HEAD is c3.
    /// </summary>
    public sealed class PlannerDeprecateTests : IClassFixture<PlannerDeprecateTests.Fixture>
    {
        private const string DevAndProd = "stages: [dev, prod]";

        private static Func<RegistryWriter, object> Unassign(string name, string version, string stage, bool? simple = null,
            bool force = false, bool delete = false, string? message = null) =>
            w => w.PlanUnassign(new UnassignRequest { Name = name, Version = version, Stage = stage, Form = PlannerRow.FormOf(simple), Force = force, Delete = delete, Message = message });

        private static Func<RegistryWriter, object> Deregister(string name, string version, bool? simple = null, bool force = false,
            bool delete = false, string? message = null) =>
            w => w.PlanDeregister(new DeregisterRequest { Name = name, Version = version, Form = PlannerRow.FormOf(simple), Force = force, Delete = delete, Message = message });

        private static Func<RegistryWriter, object> Deprecate(string name, string? at = null, bool? simple = null, bool force = false,
            bool delete = false, string? message = null) =>
            w => w.PlanDeprecate(new DeprecateRequest { Name = name, Revision = at, Form = PlannerRow.FormOf(simple), Force = force, Delete = delete, Message = message });

        private static PlannerRow Row(string check, string setup, Func<RegistryWriter, object> call, PlannerOutcome expected) =>
            new PlannerRow(check, setup, call, expected);

        private const string Ua = "ua@v1.0.0 -> c1, ua#prod#1 -> c1";
        private const string Del = "del@v1.0.0 -> c1, del#prod#1 -> c1, del#prod!#2 -> c1, del#prod#3 -> c1, del#dev#4 -> c1, del@v2.0.0 -> c2, del#prod#5 -> c2";

        internal static readonly PlannerRow[] UnassignRows =
        {
            Row("invalid name", "", Unassign("-ua", "v1.0.0", "prod"),
                Fails("InvalidName", "Invalid value '-ua'. Only letters, numbers, '_', '-', '/' are allowed.")),
            Row("invalid stage", Ua, Unassign("ua", "v1.0.0", "-prod"), Fails("InvalidName", "Invalid value '-prod'")),
            Row("stage not allowed by .gto", Ua, Unassign("ua", "v1.0.0", "staging"),
                Fails("StageNotAllowed", "The stage 'staging' is not allowed: 'stages' in .gto")) with { Gto = DevAndProd },
            Row("stage allowed by .gto", Ua, Unassign("ua", "v1.0.0", "prod"),
                Creates("ua#prod!#2", "c1", "Unassigning stage 'prod' to artifact 'ua' version 'v1.0.0'", "v1.0.0")) with { Gto = DevAndProd },
            Row("invalid version: a stage in the VERSION slot", Ua, Unassign("ua", "prod", "prod"),
                Fails("InvalidVersion", "Version 'prod' is not valid: versions are SemVer with a leading 'v'")),
            Row("artifact not found", "", Unassign("nobody", "v1.0.0", "prod"), Fails("ArtifactNotFound", "Cannot find artifact 'nobody'")),
            Row("artifact not found, forced", "", Unassign("nobody", "v1.0.0", "prod", force: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'nobody'")),
            Row("version not found", Ua, Unassign("ua", "v9.0.0", "prod"), Fails("VersionNotFound", "of 'ua' is not registered")),
            // GTO looks the version up by name (docs/registry-state.md#looking-a-version-up-by-name).
            Row("version registered at two commits", "udup@v1.0.0 -> c1, udup#prod#1 -> c1, udup@v1.0.0#2 -> c2",
                Unassign("udup", "v1.0.0", "prod"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'udup', versions '['v1.0.0', 'v1.0.0']'")),
            Row("stage never assigned", Ua, Unassign("ua", "v1.0.0", "dev"),
                Fails("StageNotAssigned", "Stage 'dev' was never assigned to version 'v1.0.0'")),
            Row("stage assigned to another version only", "uo@v1.0.0 -> c1, uo@v2.0.0 -> c2, uo#prod#1 -> c2",
                Unassign("uo", "v1.0.0", "prod"), Fails("StageNotAssigned", "Stage 'prod' was never assigned to version 'v1.0.0'")),
            Row("stage never assigned, forced", Ua, Unassign("ua", "v1.0.0", "dev", force: true),
                Creates("ua#dev!#2", "c1", "Unassigning stage 'dev' to artifact 'ua' version 'v1.0.0'", "v1.0.0")),
            Row("assigned stage: unassigned on the version's commit", Ua, Unassign("ua", "v1.0.0", "prod"),
                Creates("ua#prod!#2", "c1", "Unassigning stage 'prod' to artifact 'ua' version 'v1.0.0'", "v1.0.0")),
            // GTO checks "ever assigned", not "assigned now" (docs/registry-state.md#q18-unassigning-checks-ever-assigned).
            Row("repeated unassignment allowed", "rep@v1.0.0 -> c1, rep#prod#1 -> c1, rep#prod!#2 -> c1", Unassign("rep", "v1.0.0", "prod"),
                Creates("rep#prod!#3", "c1", "Unassigning stage 'prod' to artifact 'rep' version 'v1.0.0'", "v1.0.0")),
            Row("simple true: simple tag", Ua, Unassign("ua", "v1.0.0", "prod", simple: true),
                Creates("ua#prod!", "c1", "Unassigning stage 'prod' to artifact 'ua' version 'v1.0.0'", "v1.0.0")),
            Row("simple false: counter", Ua, Unassign("ua", "v1.0.0", "prod", simple: false),
                Creates("ua#prod!#2", "c1", "Unassigning stage 'prod' to artifact 'ua' version 'v1.0.0'", "v1.0.0")),
            Row("simple true: the simple tag exists", "us@v1.0.0 -> c1, us#prod -> c1, us#prod! -> c1",
                Unassign("us", "v1.0.0", "prod", simple: true), Fails("TagExists", "The tag \'us#prod!\' exists already")),
            Row("counter: 1 + highest over every kind of tag", "uc@v1.0.0#2 -> c1, uc#prod#3 -> c1, uc@deprecated#6 -> c1, uc#dev!#4 -> c1",
                Unassign("uc", "v1.0.0", "prod"),
                Creates("uc#prod!#7", "c1", "Unassigning stage 'prod' to artifact 'uc' version 'v1.0.0'", "v1.0.0")),
            Row("monorepo: dir=name tags and counters", "dir=mu@v1.0.0 -> c1, dir=mu#prod#2 -> c1, mu#prod#8 -> c1",
                Unassign("dir:mu", "v1.0.0", "prod"),
                Creates("dir=mu#prod!#3", "c1", "Unassigning stage 'prod' to artifact 'dir:mu' version 'v1.0.0'", "v1.0.0")),
            Row("message given", Ua, Unassign("ua", "v1.0.0", "prod", message: "Rolled back"),
                Creates("ua#prod!#2", "c1", "Rolled back", "v1.0.0")),
            // GTO deletes oldest first (#1, !#2, #3). Gto deletes cancelling tags first, then assignments, so that a rerun
            // after a crash passes the same checks and finishes (a documented divergence). Other stages and versions stay.
            Row("-Delete: the stage's tags of the version, cancelling tags first", Del, Unassign("del", "v1.0.0", "prod", delete: true),
                Deletes("del#prod!#2", "del#prod#1", "del#prod#3")),
            Row("-Delete of a never-assigned stage, forced: nothing", Del, Unassign("del", "v1.0.0", "staging", force: true, delete: true),
                Deletes()),

            Row("order: invalid name before invalid stage", "", Unassign("-ua", "v1.0.0", "-prod"), Fails("InvalidName", "Invalid value '-ua'")),
            Row("order: invalid stage before invalid version", Ua, Unassign("ua", "prod", "-prod"), Fails("InvalidName", "Invalid value '-prod'")),
            Row("order: stage not allowed before invalid version", Ua, Unassign("ua", "prod", "staging"),
                Fails("StageNotAllowed", "The stage 'staging' is not allowed: 'stages' in .gto")) with { Gto = DevAndProd },
            Row("order: invalid version before artifact not found", "", Unassign("nobody", "prod", "prod"),
                Fails("InvalidVersion", "Version 'prod' is not valid:")),
            Row("order: artifact not found before version not found", "", Unassign("nobody", "v9.0.0", "dev"),
                Fails("ArtifactNotFound", "Cannot find artifact 'nobody'")),
            Row("order: version not found before stage never assigned", Ua, Unassign("ua", "v9.0.0", "dev"),
                Fails("VersionNotFound", "of 'ua' is not registered")),
        };

        private const string Dr = "dr@v1.0.0 -> c1";
        private const string OnlyDeregistered = "dronly@v1.0.0! -> c1";
        private const string Deregistered = "drd@v1.0.0 -> c1, drd@v1.0.0! -> c1";
        private const string Counted = "drc@v1.0.0 -> c1, drc#prod#4 -> c1";
        private const string Reregistered = "rr@v1.0.0 -> c1, rr@v1.0.0! -> c1, rr@v1.0.0#1 -> c1";
        private const string DeleteAll = "dd@v1.0.0 -> c1, dd#prod#1 -> c1, dd#prod!#2 -> c1, dd@v1.0.0! -> c1, dd@v1.0.0#3 -> c1, dd@v2.0.0 -> c2";

        internal static readonly PlannerRow[] DeregisterRows =
        {
            Row("invalid name", "", Deregister("-dr", "v1.0.0"),
                Fails("InvalidName", "Invalid value '-dr'. Only letters, numbers, '_', '-', '/' are allowed.")),
            Row("invalid version", Dr, Deregister("dr", "1.0.0"),
                Fails("InvalidVersion", "Version '1.0.0' is not valid: versions are SemVer with a leading 'v'")),
            Row("version not found", Dr, Deregister("dr", "v9.0.0"), Fails("VersionNotFound", "of 'dr' is not registered")),
            Row("artifact not found: version not found", "", Deregister("nobody", "v1.0.0"), Fails("VersionNotFound", "Cannot find artifact 'nobody'")),
            // GTO looks the version up by name (docs/registry-state.md#looking-a-version-up-by-name).
            Row("version registered at two commits", "ddup@v1.0.0 -> c1, ddup@v1.0.0#1 -> c2", Deregister("ddup", "v1.0.0"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'ddup', versions '['v1.0.0', 'v1.0.0']'")),
            Row("version not registered (only a deregistration tag)", OnlyDeregistered, Deregister("dronly", "v1.0.0"),
                Fails("VersionNotRegistered", "(commit '{c1}') is not registered")),
            Row("already deregistered", Deregistered, Deregister("drd", "v1.0.0"),
                Fails("VersionAlreadyDeregistered", "(commit '{c1}') was deregistered already")),
            Row("already deregistered, forced: the simple tag exists", Deregistered, Deregister("drd", "v1.0.0", force: true),
                Fails("TagExists", "The tag \'drd@v1.0.0!\' exists already")),
            Row("already deregistered, forced with a counter", Deregistered, Deregister("drd", "v1.0.0", simple: false, force: true),
                Creates("drd@v1.0.0!#1", "c1", "Deregistering artifact drd version v1.0.0", "v1.0.0")),
            Row("not registered, forced", OnlyDeregistered, Deregister("dronly", "v1.0.0", simple: false, force: true),
                Creates("dronly@v1.0.0!#1", "c1", "Deregistering artifact dronly version v1.0.0", "v1.0.0")),
            Row("no tags, forced", Dr, Deregister("dr", "v9.0.0", force: true),
                Fails("VersionHasNoTags", "has no tags to deregister")),
            Row("unknown artifact, forced: no tags", "", Deregister("nobody", "v1.0.0", force: true),
                Fails("VersionHasNoTags", "has no tags to deregister")),
            Row("registered version: deregistered on its commit", Dr, Deregister("dr", "v1.0.0"),
                Creates("dr@v1.0.0!", "c1", "Deregistering artifact dr version v1.0.0", "v1.0.0")),
            Row("simple auto: simple tag", Counted, Deregister("drc", "v1.0.0"),
                Creates("drc@v1.0.0!", "c1", "Deregistering artifact drc version v1.0.0", "v1.0.0")),
            Row("simple true: simple tag", Counted, Deregister("drc", "v1.0.0", simple: true),
                Creates("drc@v1.0.0!", "c1", "Deregistering artifact drc version v1.0.0", "v1.0.0")),
            Row("simple false: counter over every kind of tag", Counted, Deregister("drc", "v1.0.0", simple: false),
                Creates("drc@v1.0.0!#5", "c1", "Deregistering artifact drc version v1.0.0", "v1.0.0")),
            Row("registered again: the simple tag exists", Reregistered, Deregister("rr", "v1.0.0"),
                Fails("TagExists", "The tag \'rr@v1.0.0!\' exists already")),
            Row("registered again: with a counter", Reregistered, Deregister("rr", "v1.0.0", simple: false),
                Creates("rr@v1.0.0!#2", "c1", "Deregistering artifact rr version v1.0.0", "v1.0.0")),
            Row("monorepo: dir=name tag, dir:name message", "dir=md@v1.0.0 -> c1", Deregister("dir:md", "v1.0.0"),
                Creates("dir=md@v1.0.0!", "c1", "Deregistering artifact dir:md version v1.0.0", "v1.0.0")),
            Row("message given", Dr, Deregister("dr", "v1.0.0", message: "Leaked test data"),
                Creates("dr@v1.0.0!", "c1", "Leaked test data", "v1.0.0")),
            // GTO deletes oldest first; Gto deletes cancelling tags first, then assignments, registrations last
            // (a documented divergence: a rerun after a crash still finds the version and finishes).
            Row("-Delete: every tag of the version, registrations last", DeleteAll, Deregister("dd", "v1.0.0", delete: true),
                Deletes("dd#prod!#2", "dd@v1.0.0!", "dd#prod#1", "dd@v1.0.0", "dd@v1.0.0#3")),

            Row("order: invalid name before invalid version", "", Deregister("-dr", "1.0"), Fails("InvalidName", "Invalid value '-dr'")),
            Row("order: invalid version before version not found", "", Deregister("nobody", "1.0"),
                Fails("InvalidVersion", "Version '1.0' is not valid:")),
            Row("order: not registered before already deregistered", OnlyDeregistered, Deregister("dronly", "v1.0.0"),
                Fails("VersionNotRegistered", "is not registered")),
            Row("order: already deregistered before -Delete", Deregistered, Deregister("drd", "v1.0.0", delete: true),
                Fails("VersionAlreadyDeregistered", "was deregistered already")),
        };

        private const string Dp = "dp@v1.0.0 -> c1, dp@v1.1.0 -> c2";
        private const string Deprecated = "dpd@v1.0.0 -> c1, dpd@deprecated -> c1";
        private const string Counters = "dpc@v1.0.0 -> c1, dpc#prod#2 -> c1, dpc#prod!#5 -> c1";
        private const string Reactivated = "react@v1.0.0 -> c1, react@deprecated -> c1, react@v1.1.0 -> c2";
        private const string DeleteArtifact = "dx@v1.0.0 -> c1, dx#prod#1 -> c1, dx@deprecated -> c1, dx@v1.1.0 -> c2, dx#prod!#2 -> c1";

        internal static readonly PlannerRow[] DeprecateRows =
        {
            Row("invalid name", "", Deprecate("-dp"), Fails("InvalidName", "Invalid value '-dp'. Only letters, numbers, '_', '-', '/' are allowed.")),
            Row("force with simple", Dp, Deprecate("dp", simple: true, force: true), Fails("ForceWithSimple", "-Force cannot be combined with -TagForm Simple")),
            Row("artifact not found", "", Deprecate("nobody"), Fails("ArtifactNotFound", "Cannot find artifact 'nobody'")),
            Row("already deprecated", Deprecated, Deprecate("dpd"), Fails("ArtifactAlreadyDeprecated", "is deprecated already. Use -Force")),
            Row("already deprecated, forced: counter", Deprecated, Deprecate("dpd", force: true),
                Creates("dpd@deprecated#1", "c1", "Deprecating artifact 'dpd'", "")),
            Row("unknown artifact, forced: on HEAD", "", Deprecate("ghost", force: true),
                Creates("ghost@deprecated#1", "c3", "Deprecating artifact 'ghost'", "")),
            Row("-Delete: every tag of the artifact, cancelling first, registrations last", DeleteArtifact, Deprecate("dx", delete: true),
                Deletes("dx@deprecated", "dx#prod!#2", "dx#prod#1", "dx@v1.0.0", "dx@v1.1.0")),
            Row("-Delete of a deprecated artifact, forced", Deprecated, Deprecate("dpd", force: true, delete: true),
                Deletes("dpd@deprecated", "dpd@v1.0.0")),
            // GTO lists the tags to delete with an artifact lookup that fails for an unknown artifact, even with --force.
            Row("-Delete of an unknown artifact, forced", "", Deprecate("ghost", force: true, delete: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'ghost'")),
            Row("-Ref: the given commit", Dp, Deprecate("dp", "c1"), Creates("dp@deprecated", "c1", "Deprecating artifact 'dp'", "")),
            Row("-Ref unknown", Dp, Deprecate("dp", "nope"), Fails("RevisionNotFound", "-Ref 'nope' does not name a commit")),
            Row("target: the newest event's commit", Dp, Deprecate("dp"), Creates("dp@deprecated", "c2", "Deprecating artifact 'dp'", "")),
            // Not the latest version's commit, nor HEAD (docs/registry-state.md#q23-where-a-deprecation-goes).
            Row("target: the newest event is an assignment on an older commit", "q23@v1.0.0 -> c1, q23@v1.1.0 -> c2, q23#prod#1 -> c1",
                Deprecate("q23"), Creates("q23@deprecated", "c1", "Deprecating artifact 'q23'", "")),
            // Annotation (commit) events count too (docs/registry-state.md#q23-where-a-deprecation-goes): with old tags, the newest event is the annotation at HEAD.
            Row("target: the newest event is the annotation at HEAD", "q23-annotated@v1.0.0 -> c1 dated 2001",
                Deprecate("q23-annotated"), Creates("q23-annotated@deprecated", "c3", "Deprecating artifact 'q23-annotated'", "")),
            Row("simple auto: simple tag", Counters, Deprecate("dpc"), Creates("dpc@deprecated", "c1", "Deprecating artifact 'dpc'", "")),
            Row("simple true: simple tag", Counters, Deprecate("dpc", simple: true), Creates("dpc@deprecated", "c1", "Deprecating artifact 'dpc'", "")),
            Row("simple false: counter", Counters, Deprecate("dpc", simple: false),
                Creates("dpc@deprecated#6", "c1", "Deprecating artifact 'dpc'", "")),
            Row("forced: counter over every kind of tag", Counters, Deprecate("dpc", force: true),
                Creates("dpc@deprecated#6", "c1", "Deprecating artifact 'dpc'", "")),
            Row("active again after a deprecation: the simple tag exists", Reactivated, Deprecate("react"),
                Fails("TagExists", "The tag \'react@deprecated\' exists already")),
            Row("active again after a deprecation: with a counter", Reactivated, Deprecate("react", simple: false),
                Creates("react@deprecated#1", "c2", "Deprecating artifact 'react'", "")),
            Row("monorepo: dir=name tags and counters", "dir=mdp@v1.0.0 -> c1, dir=mdp#prod#3 -> c1, mdp#prod#7 -> c1",
                Deprecate("dir:mdp", force: true), Creates("dir=mdp@deprecated#4", "c1", "Deprecating artifact 'dir:mdp'", "")),
            Row("message given", Dp, Deprecate("dp", message: "Replaced by churn2"), Creates("dp@deprecated", "c2", "Replaced by churn2", "")),

            Row("order: invalid name before force with simple", "", Deprecate("-dp", simple: true, force: true),
                Fails("InvalidName", "Invalid value '-dp'")),
            Row("order: force with simple before anything about the artifact", "", Deprecate("nobody", simple: true, force: true),
                Fails("ForceWithSimple", "-Force cannot be combined with -TagForm Simple")),
            Row("order: artifact not found before -Ref unknown", "", Deprecate("nobody", "nope"),
                Fails("ArtifactNotFound", "Cannot find artifact 'nobody'")),
            Row("order: already deprecated before -Ref unknown", Deprecated, Deprecate("dpd", "nope"),
                Fails("ArtifactAlreadyDeprecated", "is deprecated already. Use -Force")),
            Row("order: already deprecated before -Delete", Deprecated, Deprecate("dpd", delete: true),
                Fails("ArtifactAlreadyDeprecated", "is deprecated already. Use -Force")),
        };

        public static TheoryData<string> UnassignChecks => PlannerRow.Numbered(UnassignRows);
        public static TheoryData<string> DeregisterChecks => PlannerRow.Numbered(DeregisterRows);
        public static TheoryData<string> DeprecateChecks => PlannerRow.Numbered(DeprecateRows);

        private readonly Fixture _fixture;

        public PlannerDeprecateTests(Fixture fixture) => _fixture = fixture;

        [Theory, MemberData(nameof(UnassignChecks))]
        public void Unassign_checks_in_GTOs_order(string check) => _fixture.Run(PlannerRow.Find(UnassignRows, check));

        [Theory, MemberData(nameof(DeregisterChecks))]
        public void Deregister_checks_in_GTOs_order(string check) => _fixture.Run(PlannerRow.Find(DeregisterRows, check));

        [Theory, MemberData(nameof(DeprecateChecks))]
        public void Deprecate_checks_in_GTOs_order(string check) => _fixture.Run(PlannerRow.Find(DeprecateRows, check));

        public sealed class Fixture : PlannerFixture
        {
            public Fixture() : base(UnassignRows.Concat(DeregisterRows).Concat(DeprecateRows)) { }
        }
    }
}
