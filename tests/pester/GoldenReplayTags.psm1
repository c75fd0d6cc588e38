#Requires -Version 7.2
<#
.SYNOPSIS
    The tags of the golden replay (GoldenReplay.psm1): reading every tag of a repository,
    comparing what a step changed with what GTO 1.10.1 recorded, and setting the tags back to
    GTO's after a step that differed. Commit SHAs are compared by the index of their commit in
    the scenario (commit:N), since ours differ from the recorded ones.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1')

function Get-ReplayTag {
    <#
    .SYNOPSIS
        Every tag of a repository: ordered map name -> @{ Name; Annotated; Commit (peeled target);
        TaggerName; TaggerEmail; TaggerDate ('<epoch> <offset>'); Message (null for lightweight) }.
    #>
    param([Parameter(Mandatory)][string] $Path)
    $fmt = '--format=%(refname)%01%(objecttype)%01%(objectname)%01%(*objectname)%01%(taggername)%01%(taggeremail)%01%(taggerdate:raw)%01%(contents)%00'
    $out = Invoke-TestGit $Path @('for-each-ref', 'refs/tags', $fmt)
    # Tag names are case-sensitive ('Model@v0.0.1' and 'model@v0.0.1' are two tags): ordinal keys.
    $tags = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
    foreach ($record in ((@($out) -join "`n").Split([char]0))) {
        $record = $record.TrimStart("`n")
        if ($record -eq '') { continue }
        $f = $record.Split([char]1)
        $name = $f[0].Substring('refs/tags/'.Length)
        $annotated = $f[1] -eq 'tag'
        $tags[$name] = @{
            Name        = $name
            Annotated   = $annotated
            Commit      = if ($annotated) { $f[3] } else { $f[2] }
            TaggerName  = if ($annotated) { $f[4] } else { $null }
            TaggerEmail = if ($annotated) { $f[5].Trim('<', '>') } else { $null }
            TaggerDate  = if ($annotated) { $f[6] } else { $null }
            Message     = if ($annotated) { $f[7] } else { $null }
        }
    }
    $tags
}

function Compare-ReplayTagSet {
    <#
    .SYNOPSIS
        Problems (strings) between the tags a step changed in a repository and GTO's expectation.
    #>
    param(
        [Parameter(Mandatory)][System.Collections.IDictionary] $Before,
        [Parameter(Mandatory)][System.Collections.IDictionary] $After,
        [AllowNull()] $ExpectCreated, [AllowNull()] $ExpectDeleted, [AllowNull()] $ExpectDetails,
        [Parameter(Mandatory)][hashtable] $CommitIndex,
        [hashtable] $RecordedIndex = @{},
        [string] $Where = 'tags',
        [AllowNull()][string[]] $CreatedOrder, [AllowNull()][string[]] $DeletedOrder,
        [AllowNull()][string] $ExpectedDate
    )
    $problems = [Collections.Generic.List[string]]::new()
    $created = @($After.Keys | Where-Object { -not $Before.Contains($_) })
    $deleted = @($Before.Keys | Where-Object { -not $After.Contains($_) })
    $expC = @($ExpectCreated | Where-Object { $null -ne $_ })
    $expD = @($ExpectDeleted | Where-Object { $null -ne $_ })
    $missing = @($expC | Where-Object { $_ -cnotin $created })
    $extra = @($created | Where-Object { $_ -cnotin $expC })
    if ($missing -or $extra) {
        $problems.Add("$Where created: expected [$($expC -join ', ')], got [$($created -join ', ')]")
    }
    elseif ($CreatedOrder -and $expC.Count -gt 1 -and (($CreatedOrder -join "`n") -ne ($expC -join "`n"))) {
        $problems.Add("$Where creation order: expected [$($expC -join ', ')], got [$($CreatedOrder -join ', ')]")
    }
    $missingD = @($expD | Where-Object { $_ -cnotin $deleted })
    $extraD = @($deleted | Where-Object { $_ -cnotin $expD })
    if ($missingD -or $extraD) {
        $problems.Add("$Where deleted: expected [$($expD -join ', ')], got [$($deleted -join ', ')]")
    }
    elseif ($DeletedOrder -and $expD.Count -gt 1) {
        # Gto deletes in GTO's order regrouped so a rerun after a crash can finish (docs/compatibility.md):
        # cancelling tags first, then assignments, registrations last.
        $rank = { param($t) if ($t -match '!|@deprecated') { 0 } elseif ($t -match '@v') { 2 } else { 1 } }
        $ordered = @(0, 1, 2 | ForEach-Object { $r = $_; $expD | Where-Object { (& $rank $_) -eq $r } })
        if (($DeletedOrder -join "`n") -ne ($ordered -join "`n")) {
            $problems.Add("$Where deletion order: expected [$($ordered -join ', ')] (GTO: [$($expD -join ', ')]), got [$($DeletedOrder -join ', ')]")
        }
    }
    foreach ($d in @($ExpectDetails | Where-Object { $null -ne $_ })) {
        if (-not $After.Contains($d.name) -or $Before.Contains($d.name)) { continue }
        $t = $After[$d.name]
        $gotIndex = if ($CommitIndex.ContainsKey($t.Commit)) { $CommitIndex[$t.Commit] } else { $null }
        $diffs = [Collections.Generic.List[string]]::new()
        if ($t.Annotated -ne [bool]$d.annotated) { $diffs.Add("annotated: expected $($d.annotated), got $($t.Annotated)") }
        if ($gotIndex -ne $d.target_commit_index) { $diffs.Add("target commit: expected commit:$($d.target_commit_index), got $(if ($null -eq $gotIndex) { $t.Commit } else { "commit:$gotIndex" })") }
        # Messages may hold a commit SHA (--sr: 'version <sha>'): both sides as commit:N.
        $em = ConvertTo-ReplayMessage -Message $d.message -Index $RecordedIndex
        $gm = ConvertTo-ReplayMessage -Message $t.Message -Index $CommitIndex
        if ($em -cne $gm) { $diffs.Add("message: expected '$em', got '$gm'") }
        if ($t.TaggerName -cne $d.tagger_name -or $t.TaggerEmail -cne $d.tagger_email) {
            $diffs.Add("tagger: expected '$($d.tagger_name) <$($d.tagger_email)>', got '$($t.TaggerName) <$($t.TaggerEmail)>'")
        }
        if ($ExpectedDate -and $t.Annotated -and $t.TaggerDate -ne $ExpectedDate) {
            $diffs.Add("tagger date '$($t.TaggerDate)' is not the replay clock '$ExpectedDate' (GIT_COMMITTER_DATE not honoured: later steps may tie)")
        }
        if ($diffs.Count) { $problems.Add("$Where '$($d.name)': $($diffs -join '; ')") }
    }
    , $problems
}

function Sync-ReplayTag {
    <#
    .SYNOPSIS
        Makes a repository's tags what GTO left after the step: deletes tags it should not have,
        restores tags wrongly deleted (from $Before, same date), and (re)creates GTO's created tags
        that are missing or different. Returns a list of what it did.
    #>
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][System.Collections.IDictionary] $Before,
        [AllowNull()] $ExpectCreated, [AllowNull()] $ExpectDeleted, [AllowNull()] $ExpectDetails,
        [Parameter(Mandatory)][hashtable] $CommitIndex, [Parameter(Mandatory)][AllowEmptyCollection()][string[]] $Shas,
        [hashtable] $RecordedIndex = @{}, [string[]] $Recorded = @(), [string] $Date
    )
    $done = [Collections.Generic.List[string]]::new()
    $after = Get-ReplayTag -Path $Path
    $expC = @($ExpectCreated | Where-Object { $null -ne $_ })
    $expD = @($ExpectDeleted | Where-Object { $null -ne $_ })
    $details = [hashtable]::new([StringComparer]::Ordinal)
    foreach ($d in @($ExpectDetails | Where-Object { $null -ne $_ })) { $details[$d.name] = $d }
    foreach ($name in @($after.Keys)) {
        $shouldExist = ($Before.Contains($name) -and $name -cnotin $expD) -or $name -cin $expC
        $wrong = $false
        if ($name -cin $expC -and -not $Before.Contains($name) -and $details.ContainsKey($name)) {
            $d = $details[$name]; $t = $after[$name]
            $gotIndex = if ($CommitIndex.ContainsKey($t.Commit)) { $CommitIndex[$t.Commit] } else { $null }
            $em = ConvertTo-ReplayMessage -Message $d.message -Index $RecordedIndex
            $gm = ConvertTo-ReplayMessage -Message $t.Message -Index $CommitIndex
            $wrong = ($t.Annotated -ne [bool]$d.annotated) -or ($gotIndex -ne $d.target_commit_index) -or ($em -cne $gm) -or
            ($t.TaggerName -cne $d.tagger_name) -or ($t.TaggerEmail -cne $d.tagger_email)
        }
        if (-not $shouldExist -or $wrong) {
            $null = Invoke-TestGit $Path @('tag', '-d', $name)
            $done.Add("deleted '$name'")
            $after.Remove($name)
        }
    }
    foreach ($name in @($Before.Keys)) {
        if ($name -cin $expD -or $after.Contains($name)) { continue }
        $t = $Before[$name]
        New-ReplayTagWithGit -Path $Path -Name $name -Commit $t.Commit -Annotated $t.Annotated -Message $t.Message `
            -TaggerName $t.TaggerName -TaggerEmail $t.TaggerEmail -Date $t.TaggerDate
        $done.Add("restored '$name'")
    }
    foreach ($name in $expC) {
        if ($after.Contains($name)) { continue }
        $d = if ($details.ContainsKey($name)) { $details[$name] } else { $null }
        if ($null -eq $d -or $null -eq $d.target_commit_index -or $d.target_commit_index -ge $Shas.Count) {
            $done.Add("could not re-create '$name' (no details or target commit)")
            continue
        }
        $commit = $Shas[$d.target_commit_index]
        $message = Convert-ReplaySha -Text $d.message -Recorded $Recorded -Ours $Shas
        New-ReplayTagWithGit -Path $Path -Name $name -Commit $commit -Annotated ([bool]$d.annotated) -Message $message `
            -TaggerName $d.tagger_name -TaggerEmail $d.tagger_email -Date $Date
        $done.Add("created '$name'")
    }
    [string[]]$done
}

function ConvertTo-ReplayMessage {
    # A tag message trimmed (as GTO reads it), with every known commit SHA written as commit:N.
    param([AllowNull()][AllowEmptyString()][string] $Message, [hashtable] $Index)
    if ($null -eq $Message) { return $null }
    $m = $Message.Trim()
    foreach ($sha in $Index.Keys) { $m = $m.Replace($sha, "commit:$($Index[$sha])") }
    $m
}

function New-ReplayTagWithGit {
    param([string] $Path, [string] $Name, [string] $Commit, [bool] $Annotated, [AllowNull()][string] $Message,
        [AllowNull()][string] $TaggerName, [AllowNull()][string] $TaggerEmail, [AllowNull()][string] $Date)
    if (-not $Annotated) { $null = Invoke-TestGit $Path @('tag', $Name, $Commit); return }
    $gitEnv = @{}
    if ($TaggerName) { $gitEnv.GIT_COMMITTER_NAME = $TaggerName; $gitEnv.GIT_COMMITTER_EMAIL = $TaggerEmail }
    if ($Date) { $gitEnv.GIT_COMMITTER_DATE = $Date }
    $null = Invoke-TestGit $Path @('tag', '-a', $Name, '-m', $Message, $Commit) -Environment $gitEnv
}

function Convert-ReplaySha {
    # Replaces every recorded commit SHA in a string by the SHA of our commit with the same index.
    param([AllowNull()][AllowEmptyString()][string] $Text, [string[]] $Recorded, $Ours)
    if ([string]::IsNullOrEmpty($Text)) { return $Text }
    for ($n = 0; $n -lt $Recorded.Count -and $n -lt $Ours.Count; $n++) {
        $Text = $Text.Replace($Recorded[$n], $Ours[$n])
    }
    $Text
}

Export-ModuleMember -Function Get-ReplayTag, Compare-ReplayTagSet, Sync-ReplayTag, Convert-ReplaySha
