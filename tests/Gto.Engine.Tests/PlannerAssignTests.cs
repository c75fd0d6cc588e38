using System;
using Gto.Engine.Operations;
using Xunit;
using static Gto.Engine.Tests.PlannerOutcome;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// GTO's <c>assign</c>: one row per check, in the order GTO makes them, then the rows where two checks apply and
    /// the earlier one must win. HEAD is c3.
    /// </summary>
    public sealed class PlannerAssignTests : IClassFixture<PlannerAssignTests.Fixture>
    {
        private const string DevAndProd = "stages: [dev, prod]";
        private const string Reg = "reg@v1.0.0 -> c1";
        private const string TwoOnOneCommit = "many@v1.0.0 -> c1, many@v2.0.0 -> c1";
        private const string Dropped = "dropped@v1.0.0 -> c1, dropped@v1.0.0! -> c1";
        private const string Implicit = "impl@v1.0.0 -> c1, impl#dev#3 -> c1";
        private const string InProd = "inprod@v1.0.0 -> c1, inprod#prod#1 -> c1";
        private const string Simple = "sf@v1.0.0 -> c1, sf@v1.1.0#2 -> c2";

        private static Func<RegistryWriter, object> Assign(string name, string stage, string? version = null, string? at = null,
            bool skipRegistration = false, bool? simple = null, bool force = false, string? message = null, bool mustExist = false) =>
            w => w.PlanAssign(new AssignRequest
            {
                Name = name, Stage = stage, Version = version, Revision = at, SkipRegistration = skipRegistration,
                Form = PlannerRow.FormOf(simple), Force = force, Message = message, ArtifactMustExist = mustExist,
            });

        private static PlannerRow Row(string check, string setup, Func<RegistryWriter, object> call, PlannerOutcome expected) =>
            new PlannerRow(check, setup, call, expected);

        internal static readonly PlannerRow[] Rows =
        {
            Row("invalid name", "", Assign("-reg", "prod", "v1.0.0"),
                Fails("InvalidName", "Invalid value '-reg'. Only letters, numbers, '_', '-', '/' are allowed.")),
            Row("invalid stage", Reg, Assign("reg", "pro d", "v1.0.0"), Fails("InvalidName", "Invalid value 'pro d'")),
            Row("stage not allowed by .gto", Reg, Assign("reg", "staging", "v1.0.0"),
                Fails("StageNotAllowed", "The stage 'staging' is not allowed: 'stages' in .gto")) with { Gto = DevAndProd },
            Row("stage allowed by .gto", Reg, Assign("reg", "prod", "v1.0.0"),
                Creates("reg#prod#1", "c1", "Assigning stage prod to artifact reg version v1.0.0", "v1.0.0")) with { Gto = DevAndProd },
            Row("invalid version", Reg, Assign("reg", "prod", "1.0.0"),
                Fails("InvalidVersion", "Version '1.0.0' is not valid: versions are SemVer with a leading 'v'")),
            Row("invalid version to register at the REF", "", Assign("fresh", "prod", "1.0.0", "c2"),
                Fails("InvalidVersion", "Version '1.0.0' is not valid: versions are SemVer with a leading 'v'")),
            Row("version with skip-registration", "", Assign("fresh", "prod", "v1.0.0", "c2", skipRegistration: true),
                Fails("VersionWithSkipRegistration", "give one of them")),
            Row("unknown revision", "", Assign("fresh", "prod", at: "nope"), Fails("RevisionNotFound", "unknown Git revision 'nope'")),
            Row("version not registered", Reg, Assign("reg", "prod", "v9.9.9"),
                Fails("VersionNotRegistered", "Version 'v9.9.9' of")),
            // GTO looks the version up by name (docs/registry-state.md#looking-a-version-up-by-name).
            Row("version registered at two commits", "dup@v1.0.0 -> c1, dup@v1.0.0#1 -> c2", Assign("dup", "prod", "v1.0.0"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'dup', versions '['v1.0.0', 'v1.0.0']'")),
            // GTO writes the stage tag and only then fails on the commit's second version (docs/registry-state.md#q3-several-versions-on-one-commit); Gto refuses while planning.
            Row("version's commit holds two versions: refused before writing", TwoOnOneCommit, Assign("many", "prod", "v1.0.0"),
                Fails("ManyVersionsOnCommit", "Multiple versions are not allowed on the same Git commit. Violation detected for artifact 'many'")),
            Row("a deregistered version can be assigned (Q19)", Dropped, Assign("dropped", "prod", "v1.0.0"),
                Creates("dropped#prod#1", "c1", "Assigning stage prod to artifact dropped version v1.0.0", "v1.0.0")),
            Row("REF holds another version", Reg, Assign("reg", "prod", "v2.0.0", "c1"),
                Fails("CommitHasOtherVersion", "Cannot register 'v2.0.0' at -Ref")),
            Row("REF holds that very version", Reg, Assign("reg", "prod", "v1.0.0", "c1"),
                Fails("CommitHasOtherVersion", "Cannot register 'v1.0.0' at -Ref")),
            Row("REF holding a version assigns it", Reg, Assign("reg", "prod", at: "c1"),
                Creates("reg#prod#1", "c1", "Assigning stage prod to artifact reg version v1.0.0", "v1.0.0")),
            Row("REF holds two versions", TwoOnOneCommit, Assign("many", "prod", at: "c1"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'many'")),
            // The registration is always simple with the default message; -Simple and -Message are the assignment's (docs/registry-state.md#q35-the-implicit-registration).
            Row("implicit registration: registration first, simple, default message", Implicit,
                Assign("impl", "prod", at: "c2", simple: false, message: "Ship it"),
                Creates("impl@v1.0.1", "c2", "Registering artifact impl version v1.0.1", "v1.0.1")
                    .Then("impl#prod#4", "c2", "Ship it", "v1.0.1")),
            Row("implicit registration named by -Version", Implicit, Assign("impl", "prod", "v5.0.0", "c2"),
                Creates("impl@v5.0.0", "c2", "Registering artifact impl version v5.0.0", "v5.0.0")
                    .Then("impl#prod#4", "c2", "Assigning stage prod to artifact impl version v5.0.0", "v5.0.0")),
            Row("implicit registration, simple assignment", Implicit, Assign("impl", "prod", at: "c2", simple: true),
                Creates("impl@v1.0.1", "c2", "Registering artifact impl version v1.0.1", "v1.0.1")
                    .Then("impl#prod", "c2", "Assigning stage prod to artifact impl version v1.0.1", "v1.0.1")),
            Row("implicit registration at HEAD without REF or version", "", Assign("athead", "prod"),
                Creates("athead@v0.0.1", "c3", "Registering artifact athead version v0.0.1", "v0.0.1")
                    .Then("athead#prod#1", "c3", "Assigning stage prod to artifact athead version v0.0.1", "v0.0.1")),
            Row("implicit registration of a version registered elsewhere", Implicit, Assign("impl", "prod", "v1.0.0", "c2"),
                Fails("VersionExists", "is already registered (on commit")),
            // GTO reads the registry again after the implicit registration: the new version collects the stage tags already
            // on its commit, so an active stage fails the check after the registration is written
            // (docs/registry-state.md#an-implicit-registration-collects-the-commits-stage-tags).
            Row("implicit registration where a SHA version on the commit holds the stage", "shast#prod#1 -> c2",
                Assign("shast", "prod", at: "c2"),
                Creates("shast@v0.0.1", "c2", "Registering artifact shast version v0.0.1", "v0.0.1")
                    .ThenFails("StageAlreadyAssigned", "is already in stage 'prod'.")),
            Row("implicit registration where the commit's stage was unassigned again", "shun#prod#1 -> c2, shun#prod!#2 -> c2",
                Assign("shun", "prod", at: "c2"),
                Creates("shun@v0.0.1", "c2", "Registering artifact shun version v0.0.1", "v0.0.1")
                    .Then("shun#prod#3", "c2", "Assigning stage prod to artifact shun version v0.0.1", "v0.0.1")),
            Row("implicit registration where the commit holds another stage", "shoth#dev#1 -> c2",
                Assign("shoth", "prod", at: "c2"),
                Creates("shoth@v0.0.1", "c2", "Registering artifact shoth version v0.0.1", "v0.0.1")
                    .Then("shoth#prod#2", "c2", "Assigning stage prod to artifact shoth version v0.0.1", "v0.0.1")),
            Row("implicit registration where a SHA version on the commit holds the stage, forced", "shast#prod#1 -> c2",
                Assign("shast", "prod", at: "c2", force: true),
                Creates("shast@v0.0.1", "c2", "Registering artifact shast version v0.0.1", "v0.0.1")
                    .Then("shast#prod#2", "c2", "Assigning stage prod to artifact shast version v0.0.1", "v0.0.1")),
            Row("skip-registration: the version is the commit SHA", "", Assign("skip", "prod", at: "c2", skipRegistration: true),
                Creates("skip#prod#1", "c2", "Assigning stage prod to artifact skip version {c2}", "{c2}")),
            Row("skip-registration where the REF holds a version assigns it", Reg, Assign("reg", "prod", at: "c1", skipRegistration: true),
                Creates("reg#prod#1", "c1", "Assigning stage prod to artifact reg version v1.0.0", "v1.0.0")),
            // GTO makes a new, empty SHA-named version for --sr, so an earlier SHA assignment does not block the stage.
            Row("skip-registration: earlier SHA assignments do not block", "srp#prod#1 -> c2",
                Assign("srp", "prod", at: "c2", skipRegistration: true),
                Creates("srp#prod#2", "c2", "Assigning stage prod to artifact srp version {c2}", "{c2}")),
            // Set-GtoStage without -New creates no artifact the registry does not know.
            Row("unknown artifact, must exist", Reg, Assign("rge", "prod", at: "c2", mustExist: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'rge': it has no tags and no annotation at HEAD or at commit '{c2}'. Did you mean 'reg'? Add -New to create it with this assignment.")),
            Row("unknown artifact named with a version: no -New remedy, it would not help", "", Assign("nowhere", "prod", "v1.0.0", mustExist: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'nowhere': it has no tags and no annotation at HEAD.")),
            Row("artifact annotated at HEAD only, must exist", "", Assign("q23-annotated", "prod", at: "c2", mustExist: true),
                Creates("q23-annotated@v0.0.1", "c2", "Registering artifact q23-annotated version v0.0.1", "v0.0.1")
                    .Then("q23-annotated#prod#1", "c2", "Assigning stage prod to artifact q23-annotated version v0.0.1", "v0.0.1")),
            Row("stage already assigned", InProd, Assign("inprod", "prod", "v1.0.0"),
                Fails("StageAlreadyAssigned",
                    "Version 'v1.0.0' of 'inprod' is already in stage 'prod'. Use -Force to write a new assignment tag nevertheless.")),
            Row("stage already assigned, through the REF", InProd, Assign("inprod", "prod", at: "c1"),
                Fails("StageAlreadyAssigned", "is already in stage 'prod'. Use -Force")),
            Row("stage already assigned, forced", InProd, Assign("inprod", "prod", "v1.0.0", force: true),
                Creates("inprod#prod#2", "c1", "Assigning stage prod to artifact inprod version v1.0.0", "v1.0.0")),
            Row("stage already assigned, forced simple: the simple tag exists", "sp@v1.0.0 -> c1, sp#prod -> c1",
                Assign("sp", "prod", "v1.0.0", simple: true, force: true), Fails("TagExists", "The tag \'sp#prod\' exists already")),
            Row("another stage does not block", InProd, Assign("inprod", "dev", "v1.0.0"),
                Creates("inprod#dev#2", "c1", "Assigning stage dev to artifact inprod version v1.0.0", "v1.0.0")),
            Row("an unassigned stage can be assigned again", "unprod@v1.0.0 -> c1, unprod#prod#1 -> c1, unprod#prod!#2 -> c1",
                Assign("unprod", "prod", "v1.0.0"),
                Creates("unprod#prod#3", "c1", "Assigning stage prod to artifact unprod version v1.0.0", "v1.0.0")),
            // The check is per version: a newer assignment of another version does not free the stage (docs/registry-state.md#q32-already-in-stage-is-per-version).
            Row("stage superseded by another version still counts", "sup@v1.0.0 -> c1, sup@v2.0.0 -> c2, sup#prod#1 -> c1, sup#prod#2 -> c2",
                Assign("sup", "prod", "v1.0.0"), Fails("StageAlreadyAssigned", "is already in stage 'prod'. Use -Force")),
            Row("simple auto: counter", Simple, Assign("sf", "prod", "v1.0.0"),
                Creates("sf#prod#3", "c1", "Assigning stage prod to artifact sf version v1.0.0", "v1.0.0")),
            Row("simple true: simple tag", Simple, Assign("sf", "prod", "v1.0.0", simple: true),
                Creates("sf#prod", "c1", "Assigning stage prod to artifact sf version v1.0.0", "v1.0.0")),
            Row("simple false: counter", Simple, Assign("sf", "prod", "v1.0.0", simple: false),
                Creates("sf#prod#3", "c1", "Assigning stage prod to artifact sf version v1.0.0", "v1.0.0")),
            Row("counter: 1 + highest over every kind of tag",
                "ac@v1.0.0 -> c1, ac#dev!#3 -> c1, ac@deprecated#5 -> c1, ac@v0.1.0 -> c2, ac@v0.1.0!#6 -> c2, ac#dev#1 -> c1",
                Assign("ac", "prod", "v1.0.0"), Creates("ac#prod#7", "c1", "Assigning stage prod to artifact ac version v1.0.0", "v1.0.0")),
            Row("counter: lightweight tags count", "alw@v1.0.0 -> c1, alw#dev#4 -> c1 lightweight", Assign("alw", "prod", "v1.0.0"),
                Creates("alw#prod#5", "c1", "Assigning stage prod to artifact alw version v1.0.0", "v1.0.0")),
            Row("counter: other artifacts' tags do not count", "ao@v1.0.0 -> c1, ao-x#prod#8 -> c1, dir=ao#prod#9 -> c1",
                Assign("ao", "prod", "v1.0.0"), Creates("ao#prod#1", "c1", "Assigning stage prod to artifact ao version v1.0.0", "v1.0.0")),
            Row("monorepo: dir=name tags and counters", "dir=ma@v1.0.0 -> c1, dir=ma#dev#2 -> c1, ma#prod#9 -> c1",
                Assign("dir:ma", "prod", "v1.0.0"),
                Creates("dir=ma#prod#3", "c1", "Assigning stage prod to artifact dir:ma version v1.0.0", "v1.0.0")),

            Row("order: invalid name before invalid stage", "", Assign("-reg", "pro d"), Fails("InvalidName", "Invalid value '-reg'")),
            Row("order: invalid stage before invalid version", Reg, Assign("reg", "pro d", "1.0"), Fails("InvalidName", "Invalid value 'pro d'")),
            Row("order: stage not allowed before invalid version", Reg, Assign("reg", "staging", "1.0"),
                Fails("StageNotAllowed", "The stage 'staging' is not allowed: 'stages' in .gto")) with { Gto = DevAndProd },
            Row("order: invalid version before skip-registration conflict", "", Assign("fresh", "prod", "1.0", "c2", skipRegistration: true),
                Fails("InvalidVersion", "Version '1.0' is not valid:")),
            Row("order: invalid version before unknown revision", "", Assign("fresh", "prod", "1.0", "nope"),
                Fails("InvalidVersion", "Version '1.0' is not valid:")),
            Row("order: skip-registration conflict before unknown revision", "",
                Assign("fresh", "prod", "v1.0.0", "nope", skipRegistration: true),
                Fails("VersionWithSkipRegistration", "give one of them")),
            Row("order: invalid version before version not registered", Reg, Assign("reg", "prod", "1.0"),
                Fails("InvalidVersion", "Version '1.0' is not valid:")),
            Row("order: REF's other version before stage already assigned", InProd, Assign("inprod", "prod", "v2.0.0", "c1"),
                Fails("CommitHasOtherVersion", "Cannot register 'v2.0.0' at -Ref")),
        };

        public static TheoryData<string> Checks => PlannerRow.Numbered(Rows);

        private readonly Fixture _fixture;

        public PlannerAssignTests(Fixture fixture) => _fixture = fixture;

        [Theory, MemberData(nameof(Checks))]
        public void Assign_checks_in_GTOs_order(string check) => _fixture.Run(PlannerRow.Find(Rows, check));

        public sealed class Fixture : PlannerFixture
        {
            public Fixture() : base(Rows) { }
        }
    }
}
