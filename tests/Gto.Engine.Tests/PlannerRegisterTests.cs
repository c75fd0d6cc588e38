using System;
using Gto.Engine.Operations;
using Xunit;
using static Gto.Engine.Tests.PlannerOutcome;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// GTO's <c>register</c>: one row per check, in the order GTO makes them, then the rows where two checks apply and
    /// the earlier one must win. HEAD is c3.
    /// </summary>
    public sealed class PlannerRegisterTests : IClassFixture<PlannerRegisterTests.Fixture>
    {
        private const string Taken = "taken@v1.0.0 -> c1";
        private const string TwoOnOneCommit = "many@v1.0.0 -> c1, many@v2.0.0 -> c1";
        private const string Dropped = "dropped@v1.2.3 -> c1, dropped@v1.2.3! -> c1";
        private const string Exists = "exists@v1.0.0 -> c1";
        private const string TwoCommits = "two@v1.0.0 -> c1, two@v2.0.0 -> c2";
        private const string Gone = "gone@v1.0.0 -> c1, gone@v1.0.0! -> c1";
        private const string Bump = "bump@v1.2.3 -> c1, bump@v0.9.0 -> c2";
        private const string Simple = "simple@v1.0.0 -> c1, simple#prod#4 -> c1";

        private static Func<RegistryWriter, object> Register(string name, string? at = null, string? version = null,
            BumpPart? bump = null, bool? simple = null, bool force = false, string? message = null, bool mustExist = false) =>
            w => w.PlanRegister(new RegisterRequest
            {
                Name = name, Revision = at, Version = version, Bump = bump, Form = PlannerRow.FormOf(simple), Force = force, Message = message,
                ArtifactMustExist = mustExist,
            });

        private static PlannerRow Row(string check, string setup, Func<RegistryWriter, object> call, PlannerOutcome expected) =>
            new PlannerRow(check, setup, call, expected);

        internal static readonly PlannerRow[] Rows =
        {
            Row("invalid name", "", Register("-churn"),
                Fails("InvalidName", "Invalid value '-churn'. Only letters, numbers, '_', '-', '/' are allowed.")),
            Row("invalid monorepo name", "", Register("models:"), Fails("InvalidName", "Invalid value 'models:'")),
            Row("empty version is no version, so no conflict with a bump", Bump, Register("bump", version: "", bump: BumpPart.Minor),
                Creates("bump@v1.3.0", "c3", "Registering artifact bump version v1.3.0", "v1.3.0")),
            Row("version and bump together", "", Register("fresh", version: "v1.0.0", bump: BumpPart.Minor),
                Fails("AmbiguousVersion", "Give either -Version or -Bump, not both")),
            Row("unknown revision", "", Register("fresh", "nope"), Fails("RevisionNotFound", "unknown Git revision 'nope'")),
            Row("two versions on the commit", TwoOnOneCommit, Register("many", "c1"),
                Fails("ManyVersionsOnCommit", "Multiple versions are not allowed on the same Git commit. Violation detected for artifact 'many'")),
            Row("commit already registered", Taken, Register("taken", "c1"),
                Fails("VersionAlreadyRegistered", "as version 'v1.0.0'. Use -Force")),
            // Forced, the commit's version is registered again under its own name (docs/registry-state.md#q33-forced-registration-on-a-registered-commit): its simple tag exists.
            Row("commit already registered, forced: the simple tag exists", Taken, Register("taken", "c1", force: true),
                Fails("TagExists", "The tag \'taken@v1.0.0\' exists already")),
            Row("commit already registered, forced with a counter", Taken, Register("taken", "c1", simple: false, force: true),
                Creates("taken@v1.0.0#1", "c1", "Registering artifact taken version v1.0.0", "v1.0.0")),
            Row("deregistered version on the commit is registered again", Dropped, Register("dropped", "c1", simple: false),
                Creates("dropped@v1.2.3#1", "c1", "Registering artifact dropped version v1.2.3", "v1.2.3")),
            Row("deregistered version on the commit: its simple tag exists", Dropped, Register("dropped", "c1"),
                Fails("TagExists", "The tag \'dropped@v1.2.3\' exists already")),
            Row("bump ignored when the commit has a version", Dropped, Register("dropped", "c1", bump: BumpPart.Major, simple: false),
                Creates("dropped@v1.2.3#1", "c1", "Registering artifact dropped version v1.2.3", "v1.2.3")),
            Row("commit's own version named explicitly", Dropped, Register("dropped", "c1", "v1.2.3", simple: false),
                Creates("dropped@v1.2.3#1", "c1", "Registering artifact dropped version v1.2.3", "v1.2.3")),
            Row("commit has another version", Dropped, Register("dropped", "c1", "v2.0.0"),
                Fails("CommitHasOtherVersion", "already holds version 'v1.2.3'")),
            Row("commit has another version, forced", Taken, Register("taken", "c1", "v2.0.0", force: true),
                Fails("CommitHasOtherVersion", "already holds version 'v1.0.0'")),
            Row("invalid version: no v", "", Register("fresh", version: "1.2.3"),
                Fails("InvalidVersion", "Version '1.2.3' is not valid")),
            Row("invalid version: two parts", "", Register("fresh", version: "v1.2"),
                Fails("InvalidVersion", "Version 'v1.2' is not valid")),
            Row("version exists at another commit", Exists, Register("exists", "c2", "v1.0.0"),
                Fails("VersionExists", "is already registered (on commit")),
            Row("version exists though deregistered", Gone, Register("gone", "c2", "v1.0.0"),
                Fails("VersionExists", "is already registered (on commit")),
            // GTO looks the version up by name (docs/registry-state.md#looking-a-version-up-by-name).
            Row("version registered at two commits", "dup@v1.0.0 -> c1, dup@v1.0.0#1 -> c2", Register("dup", "c3", "v1.0.0"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'dup', versions '['v1.0.0', 'v1.0.0']'")),
            Row("a version lower than the greatest is allowed (Q17)", Exists, Register("exists", "c2", "v0.0.5"),
                Creates("exists@v0.0.5", "c2", "Registering artifact exists version v0.0.5", "v0.0.5")),
            Row("first version is v0.0.1", "", Register("first"),
                Creates("first@v0.0.1", "c3", "Registering artifact first version v0.0.1", "v0.0.1")),
            Row("auto version bumps the greatest version's patch", Bump, Register("bump"),
                Creates("bump@v1.2.4", "c3", "Registering artifact bump version v1.2.4", "v1.2.4")),
            Row("bump patch", Bump, Register("bump", bump: BumpPart.Patch),
                Creates("bump@v1.2.4", "c3", "Registering artifact bump version v1.2.4", "v1.2.4")),
            Row("bump minor", Bump, Register("bump", bump: BumpPart.Minor),
                Creates("bump@v1.3.0", "c3", "Registering artifact bump version v1.3.0", "v1.3.0")),
            Row("bump major", Bump, Register("bump", bump: BumpPart.Major),
                Creates("bump@v2.0.0", "c3", "Registering artifact bump version v2.0.0", "v2.0.0")),
            Row("auto version skips deregistered versions", "skipd@v1.0.0 -> c1, skipd@v2.0.0 -> c2, skipd@v2.0.0! -> c2",
                Register("skipd"), Creates("skipd@v1.0.1", "c3", "Registering artifact skipd version v1.0.1", "v1.0.1")),
            Row("nothing to bump", "", Register("nobump", bump: BumpPart.Minor),
                Fails("NothingToBump", "-Bump needs a registered version to bump")),
            Row("nothing to bump: every version deregistered", Gone, Register("gone", bump: BumpPart.Patch),
                Fails("NothingToBump", "-Bump needs a registered version to bump")),
            // Auto-bump sees active versions only, so it proposes v0.0.1 again, whose tag exists (docs/registry-state.md#q17-no-monotonicity).
            Row("every version deregistered: v0.0.1 again", "alldrop@v0.0.1 -> c1, alldrop@v0.0.1! -> c1", Register("alldrop"),
                Fails("TagExists", "The tag \'alldrop@v0.0.1\' exists already")),
            Row("simple auto: simple tag", Simple, Register("simple"),
                Creates("simple@v1.0.1", "c3", "Registering artifact simple version v1.0.1", "v1.0.1")),
            Row("simple true: simple tag", Simple, Register("simple", simple: true),
                Creates("simple@v1.0.1", "c3", "Registering artifact simple version v1.0.1", "v1.0.1")),
            Row("simple false: counter", Simple, Register("simple", simple: false),
                Creates("simple@v1.0.1#5", "c3", "Registering artifact simple version v1.0.1", "v1.0.1")),
            Row("counter: highest is a deregistration's", "cd@v1.0.0 -> c1, cd#prod#3 -> c1, cd@v0.1.0 -> c2, cd@v0.1.0!#9 -> c2",
                Register("cd", simple: false), Creates("cd@v1.0.1#10", "c3", "Registering artifact cd version v1.0.1", "v1.0.1")),
            Row("counter: highest is a deprecation's", "cp@v1.0.0 -> c1, cp#prod#2 -> c1, cp@deprecated#7 -> c1",
                Register("cp", simple: false), Creates("cp@v1.0.1#8", "c3", "Registering artifact cp version v1.0.1", "v1.0.1")),
            Row("counter: highest is another stage's unassignment", "cs@v1.0.0#1 -> c1, cs#dev!#6 -> c1, cs#prod#2 -> c1",
                Register("cs", simple: false), Creates("cs@v1.0.1#7", "c3", "Registering artifact cs version v1.0.1", "v1.0.1")),
            Row("counter: lightweight tags count", "lw@v1.0.0 -> c1, lw#prod#9 -> c1 lightweight",
                Register("lw", simple: false), Creates("lw@v1.0.1#10", "c3", "Registering artifact lw version v1.0.1", "v1.0.1")),
            Row("counter: a reserved @created tag counts", "cr@v1.0.0 -> c1, cr@created#12 -> c1 lightweight",
                Register("cr", simple: false), Creates("cr@v1.0.1#13", "c3", "Registering artifact cr version v1.0.1", "v1.0.1")),
            Row("counter: other artifacts' tags do not count", "own@v1.0.0 -> c1, own#prod#2 -> c1, own-b#prod#40 -> c1, dir=own#prod#50 -> c1",
                Register("own", simple: false), Creates("own@v1.0.1#3", "c3", "Registering artifact own version v1.0.1", "v1.0.1")),
            Row("monorepo name: ':' is '=' in tags", "", Register("models/x:nn"),
                Creates("models/x=nn@v0.0.1", "c3", "Registering artifact models/x:nn version v0.0.1", "v0.0.1")),
            Row("monorepo counter: the dir=name tags only", "dir=mono@v1.0.0 -> c1, dir=mono#prod#4 -> c1, mono#prod#30 -> c1",
                Register("dir:mono", simple: false),
                Creates("dir=mono@v1.0.1#5", "c3", "Registering artifact dir:mono version v1.0.1", "v1.0.1")),
            Row("message given", "", Register("msg", message: "Trained on May data"),
                Creates("msg@v0.0.1", "c3", "Trained on May data", "v0.0.1")),
            // Register-GtoVersion without -New creates no artifact the registry does not know.
            Row("unknown artifact, must exist", Exists, Register("exsits", mustExist: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'exsits': it has no tags and no annotation at HEAD. Did you mean 'exists'? Add -New")),
            Row("unknown artifact at another commit, must exist", "", Register("nowhere", "c1", mustExist: true),
                Fails("ArtifactNotFound", "no annotation at HEAD or at commit '{c1}'.")),
            Row("tagged artifact, must exist", Exists, Register("exists", mustExist: true),
                Creates("exists@v1.0.1", "c3", "Registering artifact exists version v1.0.1", "v1.0.1")),
            Row("artifact annotated at HEAD only, must exist", "", Register("q23-annotated", mustExist: true),
                Creates("q23-annotated@v0.0.1", "c3", "Registering artifact q23-annotated version v0.0.1", "v0.0.1")),
            Row("artifact annotated at HEAD, registered at another commit, must exist", "", Register("q23-annotated", "c1", mustExist: true),
                Creates("q23-annotated@v0.0.1", "c1", "Registering artifact q23-annotated version v0.0.1", "v0.0.1")),

            Row("order: invalid name before version and bump", "", Register("-x", version: "v1.0.0", bump: BumpPart.Patch),
                Fails("InvalidName", "Invalid value '-x'")),
            Row("order: invalid name before unknown revision", "", Register("-x", "nope"), Fails("InvalidName", "Invalid value '-x'")),
            Row("order: version and bump before unknown revision", "", Register("fresh", "nope", "v1.0.0", BumpPart.Patch),
                Fails("AmbiguousVersion", "Give either -Version or -Bump, not both")),
            Row("order: unknown revision before invalid version", "", Register("fresh", "nope", "1.0"),
                Fails("RevisionNotFound", "unknown Git revision 'nope'")),
            Row("order: two versions on the commit before invalid version", TwoOnOneCommit, Register("many", "c1", "1.0"),
                Fails("ManyVersionsOnCommit", "Violation detected for artifact 'many'")),
            Row("order: already registered before invalid version", Taken, Register("taken", "c1", "1.0"),
                Fails("VersionAlreadyRegistered", "as version 'v1.0.0'. Use -Force")),
            Row("order: already registered before nothing to bump", Taken, Register("taken", "c1", bump: BumpPart.Major),
                Fails("VersionAlreadyRegistered", "as version 'v1.0.0'. Use -Force")),
            Row("order: commit's other version before invalid version", Dropped, Register("dropped", "c1", "1.0"),
                Fails("CommitHasOtherVersion", "already holds version 'v1.2.3'")),
            Row("order: commit's other version before version exists", TwoCommits, Register("two", "c1", "v2.0.0", force: true),
                Fails("CommitHasOtherVersion", "already holds version 'v1.0.0'")),
            Row("order: unknown revision before unknown artifact", "", Register("nowhere", "nope", mustExist: true),
                Fails("RevisionNotFound", "unknown Git revision 'nope'")),
            Row("order: unknown artifact before invalid version", "", Register("nowhere", version: "1.0", mustExist: true),
                Fails("ArtifactNotFound", "Cannot find artifact 'nowhere'")),
        };

        public static TheoryData<string> Checks => PlannerRow.Numbered(Rows);

        private readonly Fixture _fixture;

        public PlannerRegisterTests(Fixture fixture) => _fixture = fixture;

        [Theory, MemberData(nameof(Checks))]
        public void Register_checks_in_GTOs_order(string check) => _fixture.Run(PlannerRow.Find(Rows, check));

        public sealed class Fixture : PlannerFixture
        {
            public Fixture() : base(Rows) { }
        }
    }
}
