#Requires -Version 7.2
<#
.SYNOPSIS
    Converts the Gto cmdlets' objects into the JSON shape GTO 1.10.1 prints for the same read
    (`gto show`, `show NAME`, `history`, `stages`, `check-ref`, `parse-tag`, all with --json), so
    that GoldenCompare.psm1 can compare them with the golden data. Reads properties only: it needs
    no Gto module.
#>
Set-StrictMode -Version 3.0

$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture

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
    # -Annotation: a commit event's annotation (the events inside a version carry none; it is the version's).
    param([Parameter(Mandatory)] $Event, [switch] $Dump, [switch] $WithEventName, $Annotation = $Event.Annotation)
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
            $annotation = ConvertTo-GoldenAnnotation $Annotation
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

function New-GoldenVersionDict {
    # The fields a version and a version's stage start with, in GTO's order.
    param([Parameter(Mandatory)] $Item)
    [ordered]@{ artifact = $Item.Artifact; commit_hexsha = $Item.Commit; version = $Item.Version }
}

function Add-GoldenActivation {
    # The fields a version and a version's stage share, in GTO's order, added to $Dict.
    param([Parameter(Mandatory)] $Dict, [Parameter(Mandatory)] $Item)
    $Dict.is_active = $Item.IsActive
    $Dict.activated_at = ConvertTo-GoldenDate $Item.ActivatedAt
    $Dict.created_at = ConvertTo-GoldenDate $Item.CreatedAt
    $Dict.author = $Item.Author
    $Dict.author_email = $Item.AuthorEmail
    $Dict.message = $Item.Message
    $Dict.ref = $Item.Ref
}

function ConvertTo-GoldenVersionStage {
    # Gto.VersionStage -> GTO VStage dict (inside `show NAME --json` rows); its events are the version's of that stage.
    param([Parameter(Mandatory)] $Stage, [Parameter(Mandatory)] $Version)
    $o = New-GoldenVersionDict $Stage
    $o.stage = $Stage.Stage
    $o.assignments = @(foreach ($e in $Version.Assignments) { if ($e.Stage -ceq $Stage.Stage) { ConvertTo-GoldenEvent $e -Dump -WithEventName } })
    $o.unassignments = @(foreach ($e in $Version.Unassignments) { if ($e.Stage -ceq $Stage.Stage) { ConvertTo-GoldenEvent $e -Dump -WithEventName } })
    Add-GoldenActivation $o $Stage
    $o
}

function ConvertTo-GoldenVersion {
    # Gto.ArtifactVersion -> one row of `gto show NAME --json`.
    param([Parameter(Mandatory)] $Version)
    $o = New-GoldenVersionDict $Version
    $o.enrichments = @(foreach ($e in $Version.Enrichments) { ConvertTo-GoldenEvent $e -Dump -Annotation $Version.Annotation })
    $o.registrations = @(foreach ($e in $Version.Registrations) { ConvertTo-GoldenEvent $e -Dump })
    $o.deregistrations = @(foreach ($e in $Version.Deregistrations) { ConvertTo-GoldenEvent $e -Dump })
    $o.stages = @(foreach ($s in $Version.StageDetails) { ConvertTo-GoldenVersionStage $s $Version })
    Add-GoldenActivation $o $Version
    $o.discovered = $Version.IsDiscovered
    $o
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

Export-ModuleMember -Function ConvertTo-GoldenParsedTag, ConvertTo-GoldenShape
