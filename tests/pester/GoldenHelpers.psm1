#Requires -Version 7.2
<#
.SYNOPSIS
    Helpers for tests/pester/Golden.Tests.ps1: read GTO 1.10.1 golden scenarios (tests/golden),
    clone their repositories, turn each recorded GTO read into a cmdlet call, convert the
    cmdlets' objects into GTO's JSON shape and compare the two structurally.

.DESCRIPTION
    Nothing here imports the Gto module: the converters only read properties, so they can be
    self-checked without it (see Test-GoldenHelpers at the end of the file).

    Comparison rules (Compare-GoldenValue):
      * dictionaries: same keys in the same order (artifact order and stage order matter), then
        every value;
      * lists: element by element, then the count;
      * numbers compare by value whatever their .NET type; strings, booleans and null exactly;
        a number never equals a string;
      * timestamps are compared as the ISO 8601 text GTO prints ("2026-11-28T03:29:48-08:00"):
        ours are DateTimeOffset values formatted the same way, so equal text means the same
        instant AND the same UTC offset.
#>
Set-StrictMode -Version 3.0

$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture

# Reads of scenarios whose final registry GTO 1.10.1 cannot read at all because of a GTO
# crash bug. Ours reads past the offending tag/file/event and warns; the warning must name
# the cause. Key: scenario name; value: regex the warning text must match.
$script:CrashScenarios = @{
    '17-created-tag-crash'      = '@created'
    '21-corrupt-artifacts-yaml' = 'artifacts\.yaml'
    '25-many-versions-poison'   = 'Multiple versions'
}

# Crash scenarios where GTO recorded the registry just before it became unreadable (a `gto`
# read step): reading the final repository with the offending item skipped must give the same
# result for that artifact. 25: steps 3 and 4 ran before the tag 'p#prod#1' (the second version
# on one commit) was created; only 'q@v0.0.1' (another artifact) came in between.
$script:CrashAnchors = @{
    '25-many-versions-poison' = @(
        @{ Step = 3; Artifact = 'p' }
        @{ Step = 4; Artifact = 'p' }
    )
}

#region Environment, clones ---------------------------------------------------------------

function Initialize-GoldenEnvironment {
    <#
    .SYNOPSIS
        Puts this process in the environment the data was recorded in (isolated HOME with the
        tester identity, GIT_CONFIG_NOSYSTEM=1, TZ=UTC, no GTO_* variables). Returns a state
        object for Restore-GoldenEnvironment.
    #>
    [CmdletBinding()]
    param()
    $saved = @{}
    foreach ($name in 'HOME', 'USERPROFILE', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'TZ', 'COLUMNS', 'XDG_CONFIG_HOME') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    # GTO's own settings (GTO_STAGES, GTO_EMOJIS, ...) are unset; the harness' variables are kept.
    foreach ($entry in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        if ($entry.Key -like 'GTO_*' -and $entry.Key -notin 'GTO_MODULE_PATH', 'GTO_GOLDEN_SCENARIOS') { $saved[$entry.Key] = $entry.Value }
    }
    $root = Join-Path ([IO.Path]::GetTempPath()) ('gto-golden-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $home_ = Join-Path $root 'home'
    $null = New-Item -ItemType Directory -Path $home_ -Force
    Set-Content -LiteralPath (Join-Path $home_ '.gitconfig') -Encoding utf8NoBOM -Value @(
        '[user]'
        "`tname = GTO Tester"
        "`temail = tester@example.com"
        '[init]'
        "`tdefaultBranch = main"
    )
    $env:HOME = $home_
    $env:USERPROFILE = $home_
    $env:XDG_CONFIG_HOME = Join-Path $home_ '.config'
    $env:GIT_CONFIG_NOSYSTEM = '1'
    $env:GIT_CONFIG_GLOBAL = $null
    $env:TZ = 'UTC'
    $env:COLUMNS = '1000'
    foreach ($entry in @($saved.Keys)) {
        if ($entry -like 'GTO_*') { [Environment]::SetEnvironmentVariable($entry, $null) }
    }
    [pscustomobject]@{ Root = $root; Saved = $saved }
}

function Restore-GoldenEnvironment {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $State)
    foreach ($entry in $State.Saved.GetEnumerator()) {
        [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value)
    }
    if ($State.Root -and (Test-Path -LiteralPath $State.Root)) {
        Remove-Item -LiteralPath $State.Root -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-GoldenGit {
    # git with the recorded environment; throws on failure.
    param([Parameter(Mandatory)][string[]] $ArgumentList)
    $saved = @{ GIT_CONFIG_NOSYSTEM = $env:GIT_CONFIG_NOSYSTEM; TZ = $env:TZ }
    $env:GIT_CONFIG_NOSYSTEM = '1'
    $env:TZ = 'UTC'
    try {
        $out = & git @ArgumentList 2>&1
        if ($LASTEXITCODE -ne 0) { throw "git $($ArgumentList -join ' ') failed ($LASTEXITCODE): $($out -join "`n")" }
        $out
    }
    finally {
        $env:GIT_CONFIG_NOSYSTEM = $saved.GIT_CONFIG_NOSYSTEM
        $env:TZ = $saved.TZ
    }
}

function New-GoldenClone {
    <#
    .SYNOPSIS
        Clones a scenario's repo.bundle (or creates an empty repository when the scenario has no
        bundle: 24-empty-repo) under $Root. Also makes a non-repository folder for {NONREPO}.
        Returns an object with Scenario, Repo, NonRepo, MissingPath, Origin.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $ScenarioPath,
        [Parameter(Mandatory)][string] $Root
    )
    $name = Split-Path -Leaf $ScenarioPath
    $base = Join-Path $Root $name
    $null = New-Item -ItemType Directory -Path $base -Force
    $repo = Join-Path $base 'work'
    $bundle = Join-Path $ScenarioPath 'repo.bundle'
    if (Test-Path -LiteralPath $bundle) {
        Invoke-GoldenGit -ArgumentList @('clone', '-q', $bundle, $repo) | Out-Null
    }
    else {
        Invoke-GoldenGit -ArgumentList @('init', '-q', '-b', 'main', $repo) | Out-Null
    }
    $origin = $null
    $originBundle = Join-Path $ScenarioPath 'origin.bundle'
    if (Test-Path -LiteralPath $originBundle) {
        $origin = Join-Path $base 'origin.git'
        Invoke-GoldenGit -ArgumentList @('clone', '-q', '--bare', $originBundle, $origin) | Out-Null
    }
    $nonRepo = Join-Path $base 'not-a-repo'
    $null = New-Item -ItemType Directory -Path $nonRepo -Force
    [pscustomobject]@{
        Scenario    = $name
        Base        = $base
        Repo        = $repo
        NonRepo     = $nonRepo
        MissingPath = Join-Path $base 'missing-path'
        Origin      = $origin
    }
}

function Remove-GoldenClone {
    [CmdletBinding()]
    param($Clone)
    if ($Clone -and $Clone.Base -and (Test-Path -LiteralPath $Clone.Base)) {
        Remove-Item -LiteralPath $Clone.Base -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Resolve-GoldenPlaceholder {
    # Replaces {REPO}, {NONREPO}, {MISSING_PATH}, {ORIGIN}, {ORIGIN_URL} by this clone's paths.
    param([AllowNull()][string] $Text, [Parameter(Mandatory)] $Clone)
    if ($null -eq $Text) { return $null }
    $origin = if ($Clone.Origin) { $Clone.Origin } else { '{ORIGIN}' }
    $Text.Replace('{ORIGIN_URL}', 'file://' + $origin).Replace('{ORIGIN}', $origin).
    Replace('{MISSING_PATH}', $Clone.MissingPath).Replace('{NONREPO}', $Clone.NonRepo).Replace('{REPO}', $Clone.Repo)
}

#endregion

#region JSON ------------------------------------------------------------------------------

function Read-GoldenJson {
    <#
    .SYNOPSIS
        Parses GTO JSON (a file or text) into ordered hashtables and arrays, keeping timestamps as
        the strings GTO printed. 'null' gives $null, '[]' gives an empty array.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Path')][string] $Path,
        [Parameter(Mandatory, ParameterSetName = 'Text')][AllowEmptyString()][string] $Text
    )
    if ($PSCmdlet.ParameterSetName -eq 'Path') { $Text = [IO.File]::ReadAllText($Path) }
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    $value = ConvertFrom-Json -InputObject $Text -AsHashtable -DateKind String -NoEnumerate -Depth 100
    , $value
}

#endregion

#region Converters: our objects -> GTO JSON shape --------------------------------------------

function New-GoldenMap {
    # An ordered, case-sensitive map: artifact names 'Model' and 'model' are two artifacts
    # ([ordered]@{} would merge them).
    , [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
}

function ConvertTo-GoldenDate {
    # DateTimeOffset -> the ISO text Python's datetime.isoformat() gives ("2026-11-28T03:29:48-08:00").
    param([AllowNull()] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [DateTimeOffset]) {
        $text = $Value.ToString("yyyy-MM-dd'T'HH:mm:ss", $script:Invariant)
        $fraction = $Value.Ticks % [TimeSpan]::TicksPerSecond
        if ($fraction -ne 0) { $text += '.' + ($fraction / 10).ToString('000000', $script:Invariant) }
        return $text + $Value.ToString('zzz', $script:Invariant)
    }
    if ($Value -is [DateTime]) {
        # Not the contract's type: keep it visibly different (no offset kept) so it is reported.
        return 'DateTime(' + $Value.ToString('o', $script:Invariant) + ')'
    }
    return [string]$Value
}

function ConvertTo-GoldenPlain {
    # Annotation 'custom' and similar free-form values: dictionaries -> ordered hashtables,
    # lists -> arrays, scalars unchanged.
    param([AllowNull()] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
    if ($Value -is [System.Collections.IDictionary]) {
        $result = New-GoldenMap
        foreach ($entry in $Value.GetEnumerator()) { $result[[string]$entry.Key] = ConvertTo-GoldenPlain $entry.Value }
        return $result
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $list = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Value) { $list.Add((ConvertTo-GoldenPlain $item)) }
        return , $list.ToArray()
    }
    if ($Value -is [psobject] -and $Value.PSObject.Properties.Count) {
        $result = New-GoldenMap
        foreach ($p in $Value.PSObject.Properties) { $result[$p.Name] = ConvertTo-GoldenPlain $p.Value }
        return $result
    }
    return $Value
}

function Get-GoldenEventName {
    # Gto.EventKind -> GTO's event name ("registration", ...).
    param($Event)
    ([string]$Event.Kind).ToLowerInvariant()
}

function Test-GoldenAddition {
    param($Event)
    (Get-GoldenEventName $Event) -in 'commit', 'creation', 'registration', 'assignment'
}

function ConvertTo-GoldenAnnotation {
    # Gto.Annotation -> GTO's EnrichmentInfo dump {source, artifact:{type,path,virtual,labels,description,custom}}.
    param([AllowNull()] $Annotation)
    if ($null -eq $Annotation) { return $null }
    [ordered]@{
        # GTO's 'source' is the name of the enrichment plugin, always "gto" for artifacts.yaml.
        source   = 'gto'
        artifact = [ordered]@{
            type        = $Annotation.Type
            path        = $Annotation.Path
            virtual     = $Annotation.Virtual
            labels      = (ConvertTo-GoldenPlain $Annotation.Labels)
            description = $Annotation.Description
            custom      = ConvertTo-GoldenPlain $Annotation.Custom
        }
    }
}

function ConvertTo-GoldenEvent {
    <#
    .SYNOPSIS
        One event in GTO's shape. -Dump: the model dump used inside `show NAME` (with priority and
        addition). -WithEventName: adds "event" (assignments/unassignments inside stages).
        Without -Dump: the `check-ref --json` shape (no priority/addition, with event).
    #>
    param([Parameter(Mandatory)] $Event, [switch] $Dump, [switch] $WithEventName)
    $name = Get-GoldenEventName $Event
    $o = [ordered]@{}
    if ($Dump) {
        $o.priority = [int][Gto.EventKind]$Event.Kind
        $o.addition = Test-GoldenAddition $Event
    }
    $o.artifact = $Event.Artifact
    $o.created_at = ConvertTo-GoldenDate $Event.CreatedAt
    $o.author = $Event.Author
    $o.author_email = $Event.AuthorEmail
    $o.message = $Event.Message
    $o.commit_hexsha = $Event.Commit
    switch ($name) {
        'commit' {
            $o.version = $Event.Version
            $annotation = ConvertTo-GoldenAnnotation $Event.Annotation
            $o.enrichments = @()
            if ($null -ne $annotation) { $o.enrichments = @(, $annotation) }
            $o.committer = $Event.Committer
            $o.committer_email = $Event.CommitterEmail
        }
        'deprecation' { $o.tag = $Event.Tag }
        { $_ -in 'registration', 'deregistration' } { $o.tag = $Event.Tag; $o.version = $Event.Version }
        { $_ -in 'assignment', 'unassignment' } { $o.tag = $Event.Tag; $o.version = $Event.Version; $o.stage = $Event.Stage }
        default { $o.tag = $Event.Tag }
    }
    if ($WithEventName -or -not $Dump) { $o.event = $name }
    $o
}

function ConvertTo-GoldenVersionStage {
    # Gto.VersionStage -> GTO VStage dict (inside `show NAME --json` rows).
    param([Parameter(Mandatory)] $Stage)
    [ordered]@{
        artifact      = $Stage.Artifact
        commit_hexsha = $Stage.Commit
        version       = $Stage.Version
        stage         = $Stage.Stage
        assignments   = @(foreach ($e in $Stage.Assignments) { ConvertTo-GoldenEvent $e -Dump -WithEventName })
        unassignments = @(foreach ($e in $Stage.Unassignments) { ConvertTo-GoldenEvent $e -Dump -WithEventName })
        is_active     = $Stage.IsActive
        activated_at  = ConvertTo-GoldenDate $Stage.ActivatedAt
        created_at    = ConvertTo-GoldenDate $Stage.CreatedAt
        author        = $Stage.Author
        author_email  = $Stage.AuthorEmail
        message       = $Stage.Message
        ref           = $Stage.Ref
    }
}

function ConvertTo-GoldenVersion {
    # Gto.ArtifactVersion -> one row of `gto show NAME --json`.
    param([Parameter(Mandatory)] $Version)
    [ordered]@{
        artifact        = $Version.Artifact
        commit_hexsha   = $Version.Commit
        version         = $Version.Version
        enrichments     = @(foreach ($e in $Version.Enrichments) { ConvertTo-GoldenEvent $e -Dump })
        registrations   = @(foreach ($e in $Version.Registrations) { ConvertTo-GoldenEvent $e -Dump })
        deregistrations = @(foreach ($e in $Version.Deregistrations) { ConvertTo-GoldenEvent $e -Dump })
        stages          = @(foreach ($s in $Version.StageDetails) { ConvertTo-GoldenVersionStage $s })
        is_active       = $Version.IsActive
        activated_at    = ConvertTo-GoldenDate $Version.ActivatedAt
        created_at      = ConvertTo-GoldenDate $Version.CreatedAt
        author          = $Version.Author
        author_email    = $Version.AuthorEmail
        message         = $Version.Message
        ref             = $Version.Ref
        discovered      = $Version.IsDiscovered
    }
}

function ConvertTo-GoldenRegistry {
    # Gto.Artifact objects (in output order) -> `gto show --json`: ordered name -> {version, stage, registered, active}.
    param([AllowNull()][object[]] $Artifact)
    $result = New-GoldenMap
    foreach ($a in @($Artifact)) {
        if ($null -eq $a) { continue }
        $stages = New-GoldenMap
        if ($null -ne $a.Stages) {
            # Gto.StageVersions.Versions is GTO's cell: the versions joined by ', ', or null.
            foreach ($entry in $a.Stages) { $stages[$entry.Stage] = $entry.Versions }
        }
        $result[[string]$a.Name] = [ordered]@{
            version    = $a.Latest
            stage      = $stages
            registered = $a.IsRegistered
            active     = $a.IsActive
        }
    }
    , $result
}

function ConvertTo-GoldenHistory {
    # Gto.RegistryEvent objects -> `gto history --json` records.
    param([AllowNull()][object[]] $Event)
    $list = [System.Collections.Generic.List[object]]::new()
    foreach ($e in @($Event)) {
        if ($null -eq $e) { continue }
        $list.Add([ordered]@{
                timestamp    = ConvertTo-GoldenDate $e.CreatedAt
                artifact     = $e.Artifact
                event        = Get-GoldenEventName $e
                priority     = [int][Gto.EventKind]$e.Kind
                version      = $e.Version
                stage        = $e.Stage
                commit       = $e.Commit
                author       = $e.Author
                author_email = $e.AuthorEmail
                message      = $e.Message
                ref          = $e.Ref
            })
    }
    , $list.ToArray()
}

function ConvertTo-GoldenParsedTag {
    # Gto.ParsedTag -> `gto parse-tag` JSON: name, version?, stage?, action, counter? (absent keys when null).
    param([Parameter(Mandatory)] $Parsed)
    $o = [ordered]@{ name = $Parsed.Artifact }
    if ($null -ne $Parsed.Version) { $o.version = $Parsed.Version }
    if ($null -ne $Parsed.Stage) { $o.stage = $Parsed.Stage }
    if ($null -ne $Parsed.Action) { $o.action = ([string]$Parsed.Action).ToLowerInvariant() }
    if ($null -ne $Parsed.Counter) { $o.counter = $Parsed.Counter }
    $o
}

function ConvertTo-GoldenShape {
    <#
    .SYNOPSIS
        Converts a cmdlet's output (array) into the JSON value GTO printed for the same read.
        Shapes: Registry, Versions, History, Stages, Event, ParsedTag, ParsedTagKey.
    #>
    param(
        [Parameter(Mandatory)][ValidateSet('Registry', 'Versions', 'History', 'Stages', 'Event', 'ParsedTag', 'ParsedTagKey')][string] $Shape,
        [AllowNull()][object[]] $Output,
        [string] $Key
    )
    $items = @($Output | Where-Object { $null -ne $_ })
    switch ($Shape) {
        'Registry' { return , (ConvertTo-GoldenRegistry $items) }
        'Versions' { return , @(foreach ($v in $items) { ConvertTo-GoldenVersion $v }) }
        'History' { return , (ConvertTo-GoldenHistory $items) }
        'Stages' { return , @(foreach ($s in $items) { $s.Name }) }
        'Event' {
            # check-ref prints one event or nothing; more than one is shown as a list so it differs.
            if ($items.Count -eq 0) { return $null }
            if ($items.Count -eq 1) { return ConvertTo-GoldenEvent $items[0] }
            return , @(foreach ($e in $items) { ConvertTo-GoldenEvent $e })
        }
        'ParsedTag' {
            if ($items.Count -eq 0) { return $null }
            if ($items.Count -eq 1) { return ConvertTo-GoldenParsedTag $items[0] }
            return , @(foreach ($p in $items) { ConvertTo-GoldenParsedTag $p })
        }
        'ParsedTagKey' {
            if ($items.Count -ne 1) { return , @(foreach ($p in $items) { ConvertTo-GoldenParsedTag $p }) }
            $parsed = ConvertTo-GoldenParsedTag $items[0]
            if ($parsed.Contains($Key)) { return $parsed[$Key] }
            return $null
        }
    }
}

#endregion

#region Deep comparer ------------------------------------------------------------------------

function Format-GoldenValue {
    param([AllowNull()] $Value)
    if ($null -eq $Value) { return 'null' }
    if ($Value -is [bool]) { return $(if ($Value) { 'true' } else { 'false' }) }
    if ($Value -is [string]) {
        $s = $Value.Replace("`r", '\r').Replace("`n", '\n').Replace("`t", '\t')
        if ($s.Length -gt 200) { $s = $s.Substring(0, 200) + '...' }
        return "'" + $s + "'"
    }
    if (Test-GoldenNumber $Value) { return ([System.IConvertible]$Value).ToString($script:Invariant) }
    if ($Value -is [System.Collections.IDictionary]) {
        $id = Get-GoldenIdentity $Value
        return '{' + ($(if ($id) { $id + ': ' } else { '' })) + (@($Value.Keys) -join ', ') + '}'
    }
    if ($Value -is [System.Collections.IEnumerable]) { return '[' + (@($Value | ForEach-Object { Format-GoldenValue $_ }) -join ', ') + ']' }
    return "<$($Value.GetType().FullName)> $Value"
}

function Test-GoldenNumber {
    param([AllowNull()] $Value)
    $Value -is [int] -or $Value -is [long] -or $Value -is [double] -or $Value -is [decimal] -or $Value -is [single] -or
    $Value -is [short] -or $Value -is [byte] -or $Value -is [uint32] -or $Value -is [uint64] -or $Value -is [System.Numerics.BigInteger]
}

function Test-GoldenList {
    param([AllowNull()] $Value)
    $null -ne $Value -and $Value -isnot [string] -and $Value -isnot [System.Collections.IDictionary] -and $Value -is [System.Collections.IEnumerable]
}

function Get-GoldenIdentity {
    # A short label of a dictionary for messages: its ref, tag, version, stage or artifact.
    param($Dict)
    foreach ($k in 'ref', 'tag', 'version', 'stage', 'artifact', 'name') {
        if ($Dict.Contains($k) -and $Dict[$k] -is [string]) { return "$k=$($Dict[$k])" }
    }
    $null
}

function Compare-GoldenValue {
    <#
    .SYNOPSIS
        Deep comparison of GTO's JSON value ($Expected) with ours ($Actual). Returns the list of
        differences as readable strings "path: expected X got Y" (first difference first), at
        most $MaxDifferences of them; nothing when equal.
    .EXAMPLE
        Compare-GoldenValue -Expected (Read-GoldenJson -Path show.rf.json) -Actual $ours -Path 'show.rf.json'
        show.rf.json[1].stages[0].ref: expected 'rf#prod#3' got 'rf#prod#1'
    #>
    [CmdletBinding()]
    param(
        [AllowNull()] $Expected,
        [AllowNull()] $Actual,
        [string] $Path = '$',
        [int] $MaxDifferences = 10
    )
    $diffs = [System.Collections.Generic.List[string]]::new()
    Compare-GoldenNode -Expected $Expected -Actual $Actual -Path $Path -Diffs $diffs -Max $MaxDifferences
    $diffs.ToArray()
}

function Compare-GoldenNode {
    param($Expected, $Actual, [string] $Path, [System.Collections.Generic.List[string]] $Diffs, [int] $Max)
    if ($Diffs.Count -ge $Max) { return }
    if ($null -eq $Expected -and $null -eq $Actual) { return }
    if ($null -eq $Expected -or $null -eq $Actual) {
        # An empty list and null are different in GTO's JSON; say so plainly.
        $Diffs.Add("${Path}: expected $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)")
        return
    }
    if ($Expected -is [System.Collections.IDictionary]) {
        if ($Actual -isnot [System.Collections.IDictionary]) {
            $Diffs.Add("${Path}: expected an object $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)")
            return
        }
        $ek = @($Expected.Keys | ForEach-Object { [string]$_ })
        $ak = @($Actual.Keys | ForEach-Object { [string]$_ })
        $missing = @($ek | Where-Object { $_ -cnotin $ak })
        $extra = @($ak | Where-Object { $_ -cnotin $ek })
        if ($missing.Count -or $extra.Count) {
            $Diffs.Add("${Path}: keys differ: missing [$($missing -join ', ')] unexpected [$($extra -join ', ')] (expected keys [$($ek -join ', ')])")
        }
        else {
            $eOrder = $ek -join "`u{1}"
            $aOrder = $ak -join "`u{1}"
            if ($eOrder -cne $aOrder) {
                $Diffs.Add("${Path}: key order: expected [$($ek -join ', ')] got [$($ak -join ', ')]")
            }
        }
        foreach ($k in $ek) {
            if ($k -cin $ak) {
                Compare-GoldenNode -Expected $Expected[$k] -Actual $Actual[$k] -Path (Join-GoldenPath $Path $k) -Diffs $Diffs -Max $Max
            }
        }
        return
    }
    if (Test-GoldenList $Expected) {
        if (-not (Test-GoldenList $Actual)) {
            $Diffs.Add("${Path}: expected a list $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)")
            return
        }
        $e = @($Expected)
        $a = @($Actual)
        if ($e.Count -ne $a.Count) {
            $Diffs.Add("${Path}: count: expected $($e.Count) got $($a.Count); expected $(Format-GoldenList $e) got $(Format-GoldenList $a)")
        }
        $n = [Math]::Min($e.Count, $a.Count)
        for ($i = 0; $i -lt $n; $i++) {
            Compare-GoldenNode -Expected $e[$i] -Actual $a[$i] -Path "$Path[$i]" -Diffs $Diffs -Max $Max
        }
        return
    }
    if (Test-GoldenNumber $Expected) {
        if (-not (Test-GoldenNumber $Actual) -or [decimal]$Expected -ne [decimal]$Actual) {
            $Diffs.Add("${Path}: expected $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)$(Format-GoldenType $Expected $Actual)")
        }
        return
    }
    if ($Expected -is [bool]) {
        if ($Actual -isnot [bool] -or $Expected -ne $Actual) {
            $Diffs.Add("${Path}: expected $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)$(Format-GoldenType $Expected $Actual)")
        }
        return
    }
    if ($Expected -is [string]) {
        if ($Actual -isnot [string] -or -not [string]::Equals($Expected, $Actual, [StringComparison]::Ordinal)) {
            $Diffs.Add("${Path}: expected $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)$(Format-GoldenType $Expected $Actual)")
        }
        return
    }
    if (-not $Expected.Equals($Actual)) {
        $Diffs.Add("${Path}: expected $(Format-GoldenValue $Expected) got $(Format-GoldenValue $Actual)")
    }
}

function Format-GoldenType {
    param($Expected, $Actual)
    if ($null -eq $Actual -or $null -eq $Expected) { return '' }
    $eNum = Test-GoldenNumber $Expected
    $aNum = Test-GoldenNumber $Actual
    if ($eNum -and $aNum) { return '' }
    if ($Expected.GetType() -ne $Actual.GetType()) { return " (type: expected $($Expected.GetType().Name) got $($Actual.GetType().Name))" }
    ''
}

function Format-GoldenList {
    param([object[]] $List)
    $ids = foreach ($x in $List) {
        if ($x -is [System.Collections.IDictionary]) {
            $id = Get-GoldenIdentity $x
            if ($id) { $id } else { '{...}' }
        }
        else { Format-GoldenValue $x }
    }
    '[' + (@($ids) -join ', ') + ']'
}

function Join-GoldenPath {
    param([string] $Path, [string] $Key)
    if ($Key -match '^[A-Za-z_][A-Za-z0-9_]*$') { return "$Path.$Key" }
    return "$Path['$Key']"
}

#endregion

#region Read cases ---------------------------------------------------------------------------

function ConvertTo-GoldenInvocation {
    <#
    .SYNOPSIS
        Translates GTO read arguments (as recorded in reads.json, without the program name) into a
        cmdlet call: @{ Command; Parameters; Shape; Unsupported (reason or $null); Repo (raw -r value) }.
    #>
    param([Parameter(Mandatory)][AllowEmptyString()][AllowEmptyCollection()][string[]] $ArgumentList)
    $cmd = if ($ArgumentList.Count) { $ArgumentList[0] } else { '' }
    $positional = [System.Collections.Generic.List[string]]::new()
    $opts = @{}
    $flags = [System.Collections.Generic.List[string]]::new()
    for ($i = 1; $i -lt $ArgumentList.Count; $i++) {
        $a = $ArgumentList[$i]
        switch -CaseSensitive ($a) {
            { $_ -in '--sort', '--vs', '--versions-per-stage', '--av', '--assignments-per-version', '-r', '--repo', '--key' } {
                $opts[$a] = $ArgumentList[$i + 1]; $i++; break
            }
            { $_.StartsWith('-') -and $_.Length -gt 1 } { $flags.Add($a); break }
            default { $positional.Add($a) }
        }
    }
    $r = @{ Command = $null; Parameters = [ordered]@{}; Shape = $null; Unsupported = $null; Repo = $null; Key = $null }
    if ($opts.ContainsKey('-r')) { $r.Repo = $opts['-r'] }
    if ($opts.ContainsKey('--repo')) { $r.Repo = $opts['--repo'] }
    $consoleFlags = @($flags | Where-Object { $_ -cin '--plain', '--name', '--version', '--stage', '--ref', '--event', '--traceback' })
    $json = $flags -ccontains '--json'
    switch -CaseSensitive ($cmd) {
        'show' {
            if ($positional.Count) { $r.Command = 'Get-GtoVersion'; $r.Parameters.Name = $positional[0]; $r.Shape = 'Versions' }
            else { $r.Command = 'Get-GtoArtifact'; $r.Shape = 'Registry' }
            if ($flags -ccontains '-d' -or $flags -ccontains '--deprecated') { $r.Parameters.IncludeDeprecated = $true }
            if ($flags -ccontains '--ro' -or $flags -ccontains '--registered-only') { $r.Parameters.RegisteredOnly = $true }
            if ($opts.ContainsKey('--sort')) {
                $r.Parameters.Sort = switch ($opts['--sort']) { 'semver' { 'SemVer' } 'timestamp' { 'Timestamp' } default { $opts['--sort'] } }
            }
            foreach ($o in '--vs', '--versions-per-stage') { if ($opts.ContainsKey($o)) { $r.Parameters.VersionsPerStage = $opts[$o] } }
            foreach ($o in '--av', '--assignments-per-version') { if ($opts.ContainsKey($o)) { $r.Parameters.AssignmentsPerVersion = $opts[$o] } }
            foreach ($k in @('VersionsPerStage', 'AssignmentsPerVersion')) {
                if ($r.Parameters.Contains($k)) {
                    $n = 0
                    if ([int]::TryParse($r.Parameters[$k], [ref]$n)) { $r.Parameters[$k] = $n }
                    else { $r.Unsupported = "CLI usage error (click rejects '$($r.Parameters[$k])' before GTO runs)" }
                }
            }
            if ($r.Parameters.Contains('Sort') -and $r.Parameters.Sort -notin 'SemVer', 'Timestamp') { $r.Unsupported = 'CLI usage error (click rejects the --sort value)' }
        }
        'history' {
            $r.Command = 'Get-GtoHistory'; $r.Shape = 'History'
            if ($positional.Count) { $r.Parameters.Artifact = $positional[0] }
            if ($flags -ccontains '--asc' -or $flags -ccontains '--ascending') { $r.Parameters.Ascending = $true }
        }
        'stages' {
            $r.Command = 'Get-GtoStage'; $r.Shape = 'Stages'
            if ($flags -ccontains '--used') { $r.Parameters.Used = $true }
            if ($flags -ccontains '--allowed') { $r.Parameters.Allowed = $true }
            if ($r.Parameters.Contains('Used') -and $r.Parameters.Contains('Allowed')) { $r.Unsupported = 'CLI-only: --allowed with --used is an assertion of the CLI' }
        }
        'check-ref' {
            $r.Command = 'Resolve-GtoRef'; $r.Shape = 'Event'
            $r.Parameters.Ref = $positional[0]
        }
        'parse-tag' {
            $r.Command = 'ConvertFrom-GtoTag'; $r.Shape = 'ParsedTag'
            $r.Parameters.Tag = if ($positional.Count) { $positional[0] } else { '' }
            if ($opts.ContainsKey('--key')) { $r.Shape = 'ParsedTagKey'; $r.Key = $opts['--key'] }
            $json = $true   # parse-tag always prints JSON
        }
        default { $r.Unsupported = "CLI-only command '$cmd' (not a registry read)" }
    }
    if (-not $r.Unsupported) {
        if ($consoleFlags.Count) { $r.Unsupported = "console output ($($consoleFlags -join ' ')): text, not compared" }
        elseif (-not $json) { $r.Unsupported = 'console table/line output, not compared' }
        elseif (@($flags | Where-Object { $_ -cnotin '--json', '-d', '--deprecated', '--ro', '--registered-only', '--asc', '--ascending', '--used', '--allowed' }).Count) {
            $r.Unsupported = "CLI-only option(s): $($flags -join ' ')"
        }
    }
    $r
}

function Get-GoldenScenario {
    <#
    .SYNOPSIS
        Lists the scenarios under $Root (tests/golden) with their read cases, for Pester discovery.
        Each: @{ Name; Path; Cases = @(case hashtables); Excluded = @(...) }.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Root, [string[]] $Name)
    foreach ($dir in Get-ChildItem -LiteralPath $Root -Directory | Where-Object Name -Match '^\d\d-' | Sort-Object Name) {
        if ($Name -and $dir.Name -notin $Name) { continue }
        $all = @(Get-GoldenReadCase -ScenarioPath $dir.FullName)
        @{
            Name     = $dir.Name
            Path     = $dir.FullName
            Cases    = @($all | Where-Object { $_.Mode -ne 'Exclude' })
            Excluded = @($all | Where-Object { $_.Mode -eq 'Exclude' })
        }
    }
}

function Get-GoldenReadCase {
    <#
    .SYNOPSIS
        One case per recorded read of a scenario (reads.json), plus the read steps of scenario.json
        that target a non-repository, a missing path or a missing artifact.
        Case keys: Scenario, Label, GtoArgs, Mode (Compare | Reject | Error | Warn | Skip | Exclude),
        Command, Parameters, Shape, Key, Expected (JSON text), Cwd, RepoArg, ErrorId, Terminating,
        MessageLike, WarningPattern, Reason.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $ScenarioPath)
    $scenario = Split-Path -Leaf $ScenarioPath
    $definition = Read-GoldenJson -Path (Join-Path $ScenarioPath 'scenario.json')
    # The working directory of a read is in reads.json ("cwd") or, for extra reads, in
    # scenario.json "extra_reads" (28-showcase runs one read in models/).
    $cwdByLabel = @{}
    if ($definition.Contains('extra_reads')) {
        foreach ($extra in @($definition.extra_reads)) {
            if ($extra -is [System.Collections.IDictionary] -and $extra.Contains('cwd') -and $extra.Contains('label')) { $cwdByLabel[$extra.label] = $extra.cwd }
        }
    }
    $reads = Read-GoldenJson -Path (Join-Path $ScenarioPath 'reads.json')
    foreach ($label in $reads.Keys) {
        $read = $reads[$label]
        $cwd = if ($read.Contains('cwd')) { $read.cwd } elseif ($cwdByLabel.ContainsKey($label)) { $cwdByLabel[$label] } else { $null }
        $stdout = if ($read.Contains('stdout_file') -and $read.stdout_file) {
            [IO.File]::ReadAllText((Join-Path $ScenarioPath $read.stdout_file))
        }
        else { [string]$read.stdout }
        New-GoldenCase -Scenario $scenario -Label $label -GtoArgs @($read.args) -ExitCode $read.exit_code `
            -Stdout $stdout -Stderr ([string]$read.stderr) -Cwd $cwd
    }
    # Read steps of scenario.json whose result does not depend on the intermediate state.
    for ($i = 0; $i -lt $definition.steps.Count; $i++) {
        $step = $definition.steps[$i]
        if ($step.op -ne 'gto') { continue }
        $gtoArgs = @($step.gto_args)
        if (-not $gtoArgs.Count -or $gtoArgs[0] -notin 'show', 'history', 'stages', 'check-ref', 'parse-tag') { continue }
        $stderr = [string]$step.expect.stderr
        $joined = $gtoArgs -join ' '
        $keep = $joined -match '\{NONREPO\}|\{MISSING_PATH\}' -or $stderr -match 'Cannot find artifact' -or $stderr -match 'Cannot parse tag name'
        if (-not $keep) { continue }
        New-GoldenCase -Scenario $scenario -Label "step $i" -GtoArgs $gtoArgs -ExitCode $step.expect.exit_code `
            -Stdout ([string]$step.expect.stdout) -Stderr $stderr -Cwd $null
    }
    # Crash scenarios: the state recorded before the registry broke, for one artifact.
    foreach ($anchor in @($script:CrashAnchors[$scenario])) {
        if (-not $anchor) { continue }
        $step = $definition.steps[$anchor.Step]
        $case = New-GoldenCase -Scenario $scenario -Label "step $($anchor.Step)" -GtoArgs @($step.gto_args) -ExitCode 0 `
            -Stdout ([string]$step.expect.stdout) -Stderr '' -Cwd $null
        $case.Title = "step $($anchor.Step): gto $(@($step.gto_args) -join ' ') (before the registry broke), artifact $($anchor.Artifact), with a warning"
        $case.Mode = 'Warn'
        $case.WarningPattern = $script:CrashScenarios[$scenario]
        $case.OnlyArtifact = $anchor.Artifact
        $case
    }
}

function New-GoldenCase {
    param([string] $Scenario, [string] $Label, [string[]] $GtoArgs, [int] $ExitCode, [string] $Stdout, [string] $Stderr, [string] $Cwd)
    $inv = ConvertTo-GoldenInvocation -ArgumentList $GtoArgs
    $case = @{
        Scenario       = $Scenario
        Label          = $Label
        GtoArgs        = $GtoArgs
        Title          = ($Label -replace '^(text|extra|check-ref):', '$1 ') + $(if ($Label -like 'step *') { ': gto ' + ($GtoArgs -join ' ') } else { '' })
        Mode           = $null
        Command        = $inv.Command
        Parameters     = $inv.Parameters
        Shape          = $inv.Shape
        Key            = $inv.Key
        Expected       = $null
        Cwd            = $Cwd
        RepoArg        = $inv.Repo
        ErrorId        = $null
        Terminating    = $false
        MessageLike    = $null
        WarningPattern = $null
        OnlyArtifact   = $null
        Reason         = $null
    }
    $crash = $script:CrashScenarios[$Scenario]
    # 1. What GTO did not run as a registry read at all.
    if ($inv.Unsupported) {
        $case.Mode = 'Exclude'; $case.Reason = $inv.Unsupported
        # An artifact that does not exist is an error of the same meaning whatever the output format.
        if ($ExitCode -ne 0 -and $Stderr -match 'Cannot find artifact' -and $inv.Command -eq 'Get-GtoVersion' -and $inv.Unsupported -like 'console*') {
            $case.Mode = $null; $case.Reason = $null
        }
        elseif ($ExitCode -ne 0 -and $Stderr -match 'is not a git repository|Failed to clone' -and $inv.Command) {
            $case.Mode = $null; $case.Reason = $null
        }
        else { return $case }
    }
    if ($inv.Shape -eq 'ParsedTagKey' -and $ExitCode -ne 0) {
        $case.Mode = 'Exclude'; $case.Reason = "CLI quirk: parse-tag --key of a missing key crashes (KeyError); the object's property is just null"
        return $case
    }
    if ($case.Parameters.Contains('Name') -and $case.Parameters.Name -match '[*?\[]') {
        $case.Mode = 'Exclude'; $case.Reason = "by design: '$($case.Parameters.Name)' is a wildcard pattern for -Name in PowerShell"
        return $case
    }
    # 2. Remote repositories (-r {ORIGIN_URL}) are read through a temporary clone, like any other read.
    # 3. Failures.
    if ($ExitCode -ne 0) {
        if ($Stderr -match 'is not a git repository|Failed to clone') {
            $case.Mode = 'Error'; $case.ErrorId = 'NotARepository'
        }
        elseif ($Stderr -match 'Wrong config file') {
            $case.Mode = 'Error'; $case.ErrorId = 'InvalidConfig'; $case.Terminating = $true
            if ($Stderr -match "Wrong config file '([^']+)'") { $case.MessageLike = $Matches[1] }
        }
        elseif ($crash) {
            $case.Mode = 'Warn'; $case.WarningPattern = $crash
        }
        elseif ($Stderr -match 'Cannot find artifact') {
            $case.Mode = 'Error'; $case.ErrorId = 'ArtifactNotFound'
        }
        elseif ($Stderr -match 'Cannot parse tag name') {
            $case.Mode = 'Reject'
        }
        elseif ($Stderr -match "must be >= ?-1") {
            # --av/--vs below -1: a parameter validation error (any error id), no output.
            $case.Mode = 'Error'; $case.ErrorId = ''
        }
        else {
            $case.Mode = 'Exclude'; $case.Reason = "GTO failure not mapped: $($Stderr.Trim())"
        }
        return $case
    }
    # 4. Successful JSON reads: compare.
    if ($inv.Shape -eq 'Stages' -and $case.Parameters.Contains('Allowed') -and $Stdout.Trim() -eq 'null') {
        # stages --allowed prints null when .gto does not restrict stages; a cmdlet has no null
        # list, so GTO's null means "no Gto.Stage object" here.
        $case.Mode = 'Compare'; $case.Expected = "[]`n"; $case.Reason = 'GTO null list = no output'
        return $case
    }
    if ($inv.Shape -eq 'ParsedTag' -and $Stdout -match '^\s*\{\s*"name"\s*:\s*"[^"]*"\s*\}\s*$') {
        # parse-tag X@created: GTO returns a name without an action (the tag that crashes every
        # state-building command). Gto.ParsedTag always has an Action, so ours rejects it.
        $case.Mode = 'Reject'; $case.Reason = 'divergence: X@created parses without an action in GTO; ours rejects it'
        return $case
    }
    $case.Mode = 'Compare'
    $case.Expected = $Stdout
    if ($inv.Shape -eq 'Event' -and [string]::IsNullOrWhiteSpace($Stdout)) { $case.Expected = 'null' }
    $case
}

function Invoke-GoldenCase {
    <#
    .SYNOPSIS
        Runs the cmdlet of a case against a clone. Returns @{ Output; Errors; Warnings; Terminating }.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Case, [Parameter(Mandatory)] $Clone, [System.Management.Automation.CommandInfo] $CommandInfo)
    $params = @{}
    foreach ($k in $Case.Parameters.Keys) { $params[$k] = $Case.Parameters[$k] }
    if ($Case.Command -ne 'ConvertFrom-GtoTag') {
        $repo = if ($Case.RepoArg) { Resolve-GoldenPlaceholder $Case.RepoArg $Clone }
        elseif ($Case.Cwd) { Resolve-GoldenPlaceholder $Case.Cwd $Clone }
        else { $Clone.Repo }
        $params.Repository = $repo
    }
    $errs = $null
    $warns = $null
    $terminating = $null
    $output = @()
    try {
        # The caller passes the CommandInfo it resolved: the Gto module is imported in the test
        # script's scope, which this module's session state cannot see.
        $target = if ($CommandInfo) { $CommandInfo } else { $Case.Command }
        $output = @(& $target @params -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue -WarningVariable warns)
    }
    catch {
        $terminating = $_
    }
    [pscustomobject]@{
        Output      = $output
        Errors      = @($errs | Where-Object { $null -ne $_ })
        Warnings    = @($warns | Where-Object { $null -ne $_ })
        Terminating = $terminating
        Parameters  = $params
    }
}

function Get-GoldenErrorText {
    param($ErrorRecord)
    if ($null -eq $ErrorRecord) { return '' }
    $msg = if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) {
        if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $ErrorRecord.ErrorDetails.Message } else { $ErrorRecord.Exception.Message }
    }
    else { [string]$ErrorRecord }
    $id = if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $ErrorRecord.FullyQualifiedErrorId } else { '' }
    "[$id] $msg"
}

function Test-GoldenCase {
    <#
    .SYNOPSIS
        Runs a case and returns the list of failures (strings); nothing when the case passes.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Case, [Parameter(Mandatory)] $Clone, [System.Management.Automation.CommandInfo] $CommandInfo)
    $run = Invoke-GoldenCase -Case $Case -Clone $Clone -CommandInfo $CommandInfo
    $call = "$($Case.Command) " + (($run.Parameters.GetEnumerator() | Sort-Object Key | ForEach-Object {
                if ($_.Value -is [bool]) { "-$($_.Key)" } else { "-$($_.Key) '$($_.Value)'" } }) -join ' ')
    $fail = [System.Collections.Generic.List[string]]::new()
    switch ($Case.Mode) {
        'Compare' {
            if ($run.Terminating) { $fail.Add("$call threw: $(Get-GoldenErrorText $run.Terminating)"); break }
            foreach ($e in $run.Errors) { $fail.Add("$call wrote an error: $(Get-GoldenErrorText $e)") }
            $expected = Read-GoldenJson -Text $Case.Expected
            $actual = ConvertTo-GoldenShape -Shape $Case.Shape -Output $run.Output -Key $Case.Key
            $name = $Case.Label -replace '^(extra|text|check-ref):', '$1 '
            foreach ($d in Compare-GoldenValue -Expected $expected -Actual $actual -Path $name) { $fail.Add($d) }
        }
        'Reject' {
            if ($run.Terminating) {
                # A mandatory -Tag '' is refused by parameter binding: an error of the same meaning.
                if (-not ($Case.Parameters.Tag -eq '' -and $run.Terminating.FullyQualifiedErrorId -like 'ParameterArgumentValidationError*')) {
                    $fail.Add("$call threw (expected a non-terminating error): $(Get-GoldenErrorText $run.Terminating)")
                }
            }
            elseif ($run.Errors.Count -eq 0) { $fail.Add("$call wrote no error (GTO: Cannot parse tag name)") }
            if ($run.Output.Count) { $fail.Add("$call returned $($run.Output.Count) object(s): $(@($run.Output | ForEach-Object { Format-GoldenValue (ConvertTo-GoldenParsedTag $_) }) -join '; ')") }
        }
        'Error' {
            $records = @($run.Errors)
            if ($run.Terminating) { $records = @($run.Terminating) + $records }
            if ($records.Count -eq 0) {
                $fail.Add("$call succeeded with $($run.Output.Count) object(s); expected an error$(if ($Case.ErrorId) { " with id $($Case.ErrorId)*" })")
                break
            }
            if ($Case.Terminating -and -not $run.Terminating) {
                $fail.Add("$call wrote a non-terminating error; expected a terminating one: $(Get-GoldenErrorText $records[0])")
            }
            if ($Case.ErrorId) {
                $match = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like "$($Case.ErrorId)*" })
                if (-not $match.Count) {
                    $fail.Add("$call error id: expected $($Case.ErrorId)* got $(@($records | ForEach-Object { Get-GoldenErrorText $_ }) -join ' | ')")
                }
                elseif ($Case.MessageLike) {
                    $path = Resolve-GoldenPlaceholder $Case.MessageLike $Clone
                    $texts = @($match | ForEach-Object { Get-GoldenErrorText $_ })
                    if (-not @($texts | Where-Object { $_.Contains($path) }).Count) {
                        $fail.Add("$call error message should contain '$path': $($texts -join ' | ')")
                    }
                }
            }
        }
        'Warn' {
            if ($run.Terminating) { $fail.Add("$call threw (GTO crashes here; ours must read past it and warn): $(Get-GoldenErrorText $run.Terminating)"); break }
            foreach ($e in $run.Errors) { $fail.Add("$call wrote an error: $(Get-GoldenErrorText $e)") }
            $texts = @($run.Warnings | ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { $_.Message } else { [string]$_ } })
            if (-not $texts.Count -and $Case.Scenario -eq '21-corrupt-artifacts-yaml' -and $Case.Command -ne 'Get-GtoVersion') {
                # Annotation files are read lazily: a damaged one at a version's commit is met only by reads of that
                # version (Get-GtoVersion), and always by Test-GtoRegistry (docs/compatibility.md).
                $doctor = $CommandInfo.Module.ExportedCmdlets['Test-GtoRegistry']
                $problems = @(& $doctor -Repository $Clone.Repo | Where-Object Id -eq 'DamagedAnnotationFile')
                if (-not $problems.Count) { $fail.Add("$call wrote no warning and Test-GtoRegistry reports no DamagedAnnotationFile") }
            }
            elseif (-not $texts.Count) { $fail.Add("$call wrote no warning (expected one matching /$($Case.WarningPattern)/)") }
            elseif (-not @($texts | Where-Object { $_ -match $Case.WarningPattern }).Count) {
                $fail.Add("$call warnings do not mention /$($Case.WarningPattern)/: $($texts -join ' | ')")
            }
            if ($Case.Expected) {
                # The state GTO recorded before the registry broke, restricted to one artifact.
                $output = @($run.Output)
                if ($Case.OnlyArtifact) {
                    $output = @($output | Where-Object {
                            $n = if ($_.PSObject.Properties['Name'] -and $_.PSObject.Properties['Latest']) { $_.Name } else { $_.Artifact }
                            $n -ceq $Case.OnlyArtifact })
                }
                $expected = Read-GoldenJson -Text $Case.Expected
                $actual = ConvertTo-GoldenShape -Shape $Case.Shape -Output $output -Key $Case.Key
                foreach ($d in Compare-GoldenValue -Expected $expected -Actual $actual -Path $Case.Label) { $fail.Add($d) }
            }
        }
        default { $fail.Add("case mode '$($Case.Mode)' is not runnable") }
    }
    $fail.ToArray()
}

#endregion

#region Self-check -----------------------------------------------------------------------------

function Test-GoldenHelpers {
    <#
    .SYNOPSIS
        Self-check of the comparer and the case builder on the fixtures, without the Gto module.
        Returns $true or throws.
    #>
    [CmdletBinding()]
    param([string] $Root = (Join-Path $PSScriptRoot '../golden'))
    $show = Read-GoldenJson -Path (Join-Path $Root '28-showcase/show.json')
    $vsAll = Read-GoldenJson -Path (Join-Path $Root '28-showcase/show-vs-all.json')
    if (Compare-GoldenValue $show $show) { throw 'identical files differ' }
    $d = @(Compare-GoldenValue $show $vsAll -Path 'show.json')
    if ($d[0] -ne "show.json.rf.stage.production: expected 'v1.2.3' got 'v1.2.3, v1.2.4'") { throw "unexpected first diff: $($d[0])" }
    $rf = Read-GoldenJson -Path (Join-Path $Root '28-showcase/show.rf.json')
    $copy = Read-GoldenJson -Path (Join-Path $Root '28-showcase/show.rf.json')
    $copy[1].stages[0].ref = 'rf#production#9'
    $d = @(Compare-GoldenValue $rf $copy -Path 'show.rf.json')
    if ($d.Count -ne 1 -or $d[0] -notlike "show.rf.json``[1``].stages``[0``].ref: expected 'rf#production#*' got 'rf#production#9'") { throw "unexpected diff: $d" }
    $empty = Read-GoldenJson -Text "[]`n"
    if (-not (Test-GoldenList $empty) -or @($empty).Count) { throw '[] is not an empty list' }
    if (-not (Compare-GoldenValue $empty $null)) { throw '[] equals null' }
    if (Compare-GoldenValue 5L 5) { throw 'int64 5 differs from int32 5' }
    if (-not (Compare-GoldenValue 5L '5')) { throw "5 equals '5'" }
    $reordered = [ordered]@{ nn = $show.nn; rf = $show.rf; features = $show.features }
    $d = @(Compare-GoldenValue $show $reordered)
    if ($d[0] -notlike '*key order*') { throw "order not checked: $d" }
    if ((ConvertTo-GoldenDate ([DateTimeOffset]::new(2026, 11, 28, 3, 29, 48, [TimeSpan]::FromHours(-8)))) -ne '2026-11-28T03:29:48-08:00') { throw 'date format' }
    if ((ConvertTo-GoldenDate ([DateTimeOffset]::new(2026, 11, 28, 16, 59, 47, [TimeSpan]::FromMinutes(330)))) -ne '2026-11-28T16:59:47+05:30') { throw 'date format +05:30' }
    $all = @(Get-GoldenScenario -Root $Root)
    if ($all.Count -ne 29) { throw "expected 29 scenarios, got $($all.Count)" }
    $true
}

#endregion

Export-ModuleMember -Function @(
    'Initialize-GoldenEnvironment', 'Restore-GoldenEnvironment', 'Invoke-GoldenGit', 'New-GoldenClone', 'Remove-GoldenClone',
    'Resolve-GoldenPlaceholder', 'Read-GoldenJson', 'ConvertTo-GoldenDate', 'ConvertTo-GoldenPlain', 'ConvertTo-GoldenEvent',
    'ConvertTo-GoldenVersionStage', 'ConvertTo-GoldenVersion', 'ConvertTo-GoldenRegistry', 'ConvertTo-GoldenHistory',
    'ConvertTo-GoldenParsedTag', 'ConvertTo-GoldenShape', 'Compare-GoldenValue', 'Format-GoldenValue', 'Test-GoldenList',
    'ConvertTo-GoldenInvocation', 'Get-GoldenScenario', 'Get-GoldenReadCase', 'Invoke-GoldenCase', 'Test-GoldenCase',
    'Test-GoldenHelpers'
)
