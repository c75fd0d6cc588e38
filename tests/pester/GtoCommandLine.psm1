#Requires -Version 7.2
<#
.SYNOPSIS
    The one translator of GTO 1.10.1 command lines (as recorded in tests/golden) into the Gto
    cmdlet calls that do the same, for the read side (Golden.Tests.ps1) and the write side
    (GoldenReplay.Tests.ps1), and the placeholders the recorded command lines use for paths.

.DESCRIPTION
      show [NAME] [-d] [--ro] [--sort S] [--vs N] [--av N]   Get-GtoArtifact / Get-GtoVersion -Name NAME
      history [NAME] [--asc]                                 Get-GtoHistory [-Artifact NAME] [-Ascending]
      stages [--used] [--allowed]                            Get-GtoStage [-Used] [-Allowed]
      check-ref REF                                          Resolve-GtoRef -Ref REF
      parse-tag TAG [--key K]                                ConvertFrom-GtoTag -Tag TAG
      register NAME [REF] [--version V | --bump-X]           Register-GtoVersion -Name N -New [-Ref R] [-Version V] [-Bump B]
      assign, promote NAME [REF] --stage S [--version V]     Set-GtoStage -Name N -Stage S -New [-Ref R|HEAD] [-Version V] [-SkipRegistration]
      deprecate NAME VERSION STAGE                           Remove-GtoStage -Name N -Version V -Stage S [-Delete]
      deprecate NAME VERSION                                 Unregister-GtoVersion -Name N -Version V [-Delete]
      deprecate NAME [--ref R]                               Disable-GtoArtifact -Name N [-Ref R] [-Delete]
      (writes: -Message, -Force, -Push, -Simple / -Simple:$false for --simple true/false)
#>
Set-StrictMode -Version 3.0

$script:WriteCommands = 'register', 'assign', 'promote', 'deprecate'

# Options followed by a value. --version, --stage and --ref are column flags of the reads but take
# a value in the writes, so the two kinds of command have their own lists.
$script:ReadValueOptions = '--sort', '--vs', '--versions-per-stage', '--av', '--assignments-per-version', '-r', '--repo', '--key'
$script:WriteValueOptions = '--version', '--ver', '-m', '--message', '--simple', '-r', '--repo', '--stage', '--ref'

# Write flags -> the switch parameter they become.
$script:WriteFlags = @{
    '--force' = 'Force'; '--push' = 'Push'; '--sr' = 'SkipRegistration'; '--skip-registration' = 'SkipRegistration'
    '-d' = 'Delete'; '--delete' = 'Delete'
}

# Read flags that only change how the CLI prints (text, not compared), and those a cmdlet has a parameter for.
$script:ConsoleFlags = '--plain', '--name', '--version', '--stage', '--ref', '--event', '--traceback'
$script:ReadFlags = '--json', '-d', '--deprecated', '--ro', '--registered-only', '--asc', '--ascending', '--used', '--allowed'

<#
.SYNOPSIS
    Translates a GTO argument list (without the program name) into a cmdlet call:
    @{ Command; Parameters (ordered, for splatting; no -Repository); Kind ('Read' or 'Write');
    Shape (reads: the JSON shape GTO printed); Key (parse-tag --key); Repo (the raw -r/--repo
    value, $null without one); Unsupported (why there is no cmdlet equivalent, or $null); Notes }.
#>
function ConvertTo-GtoCall {
    [CmdletBinding()]
    param([Parameter(Mandatory)][AllowEmptyString()][AllowEmptyCollection()][string[]] $ArgumentList)
    $command = if ($ArgumentList.Count) { $ArgumentList[0] } else { '' }
    $write = $command -cin $script:WriteCommands
    $valueOptions = if ($write) { $script:WriteValueOptions } else { $script:ReadValueOptions }
    $positional = [System.Collections.Generic.List[string]]::new()
    $options = @{}
    $flags = [System.Collections.Generic.List[string]]::new()
    for ($i = 1; $i -lt $ArgumentList.Count; $i++) {
        $a = $ArgumentList[$i]
        if ($a -in $valueOptions) { $options[$a] = $ArgumentList[$i + 1]; $i++ }
        elseif ($a.StartsWith('-') -and $a.Length -gt 1) { $flags.Add($a) }
        else { $positional.Add($a) }
    }
    $call = @{
        Command = $null; Parameters = [ordered]@{}; Kind = if ($write) { 'Write' } else { 'Read' }; Shape = $null; Key = $null
        Repo = $null; Unsupported = $null; Notes = [System.Collections.Generic.List[string]]::new()
    }
    if ($options.ContainsKey('-r')) { $call.Repo = $options['-r'] }
    if ($options.ContainsKey('--repo')) { $call.Repo = $options['--repo'] }
    if ($write) { Add-WriteCall $call $command $positional $options $flags $ArgumentList }
    else { Add-ReadCall $call $command $positional $options $flags }
    $call.Notes = @($call.Notes)
    $call
}

function Add-ReadCall($call, [string] $command, $positional, [hashtable] $options, $flags) {
    $p = $call.Parameters
    $json = $flags -ccontains '--json'
    switch -CaseSensitive ($command) {
        'show' {
            if ($positional.Count) { $call.Command = 'Get-GtoVersion'; $p.Name = $positional[0]; $call.Shape = 'Versions' }
            else { $call.Command = 'Get-GtoArtifact'; $call.Shape = 'Registry' }
            if ($flags -ccontains '-d' -or $flags -ccontains '--deprecated') { $p.IncludeDeprecated = $true }
            if ($flags -ccontains '--ro' -or $flags -ccontains '--registered-only') { $p.RegisteredOnly = $true }
            if ($options.ContainsKey('--sort')) {
                $p.Sort = switch ($options['--sort']) { 'semver' { 'SemVer' } 'timestamp' { 'Timestamp' } default { $options['--sort'] } }
            }
            foreach ($o in '--vs', '--versions-per-stage') { if ($options.ContainsKey($o)) { $p.VersionsPerStage = $options[$o] } }
            foreach ($o in '--av', '--assignments-per-version') { if ($options.ContainsKey($o)) { $p.AssignmentsPerVersion = $options[$o] } }
            foreach ($k in @('VersionsPerStage', 'AssignmentsPerVersion')) {
                if ($p.Contains($k)) {
                    $n = 0
                    if ([int]::TryParse($p[$k], [ref]$n)) { $p[$k] = $n }
                    else { $call.Unsupported = "CLI usage error (click rejects '$($p[$k])' before GTO runs)" }
                }
            }
            if ($p.Contains('Sort') -and $p.Sort -notin 'SemVer', 'Timestamp') { $call.Unsupported = 'CLI usage error (click rejects the --sort value)' }
        }
        'history' {
            $call.Command = 'Get-GtoHistory'; $call.Shape = 'History'
            if ($positional.Count) { $p.Artifact = $positional[0] }
            if ($flags -ccontains '--asc' -or $flags -ccontains '--ascending') { $p.Ascending = $true }
        }
        'stages' {
            $call.Command = 'Get-GtoStage'; $call.Shape = 'Stages'
            if ($flags -ccontains '--used') { $p.Used = $true }
            if ($flags -ccontains '--allowed') { $p.Allowed = $true }
            if ($p.Contains('Used') -and $p.Contains('Allowed')) { $call.Unsupported = 'CLI-only: --allowed with --used is an assertion of the CLI' }
        }
        'check-ref' {
            $call.Command = 'Resolve-GtoRef'; $call.Shape = 'Event'
            $p.Ref = $positional[0]
        }
        'parse-tag' {
            $call.Command = 'ConvertFrom-GtoTag'; $call.Shape = 'ParsedTag'
            $p.Tag = if ($positional.Count) { $positional[0] } else { '' }
            if ($options.ContainsKey('--key')) { $call.Shape = 'ParsedTagKey'; $call.Key = $options['--key'] }
            $json = $true   # parse-tag always prints JSON
        }
        default { $call.Unsupported = "CLI-only command '$command' (not a registry read)" }
    }
    if ($call.Unsupported) { return }
    $console = @($flags | Where-Object { $_ -cin $script:ConsoleFlags })
    if ($console.Count) { $call.Unsupported = "console output ($($console -join ' ')): text, not compared" }
    elseif (-not $json) { $call.Unsupported = 'console table/line output, not compared' }
    elseif (@($flags | Where-Object { $_ -cnotin $script:ReadFlags }).Count) { $call.Unsupported = "CLI-only option(s): $($flags -join ' ')" }
}

function Add-WriteCall($call, [string] $command, $positional, [hashtable] $options, $flags, [string[]] $ArgumentList) {
    $p = $call.Parameters
    $switches = @{}
    $bumps = [System.Collections.Generic.List[string]]::new()
    foreach ($f in $flags) {
        if ($script:WriteFlags.ContainsKey($f)) { $switches[$script:WriteFlags[$f]] = $true }
        elseif ($f -match '^--bump-(major|minor|patch)$') { $bumps.Add((Get-Culture).TextInfo.ToTitleCase($Matches[1])) }
        else { $call.Unsupported = "Unsupported GTO option '$f' in: $($ArgumentList -join ' ')"; return }
    }
    $version = if ($options.ContainsKey('--version')) { $options['--version'] } elseif ($options.ContainsKey('--ver')) { $options['--ver'] } else { $null }
    switch ($command) {
        'register' {
            $call.Command = 'Register-GtoVersion'
            $p.Name = $positional[0]
            if ($positional.Count -gt 1) { $p.Ref = $positional[1] }
            if ($null -ne $version) { $p.Version = $version }
            if ($bumps.Count -eq 1) { $p.Bump = $bumps[0] }
            # Several bump flags (GTO: 'Need to specify either version or single bump argument'):
            # -Bump takes one value, so PowerShell must reject the array at binding.
            elseif ($bumps.Count -gt 1) { $p.Bump = [string[]]$bumps; $call.Notes.Add('several bump flags passed as -Bump array (binding must fail)') }
            # GTO creates an artifact it does not know; Register-GtoVersion does only with -New (docs/compatibility.md).
            $p.New = $true
        }
        { $_ -in 'assign', 'promote' } {
            $call.Command = 'Set-GtoStage'
            $p.Name = $positional[0]
            if ($positional.Count -gt 1) { $p.Ref = $positional[1] }
            if (-not $options.ContainsKey('--stage')) { $call.Unsupported = "assign without --stage: $($ArgumentList -join ' ')"; return }
            $p.Stage = $options['--stage']
            if ($null -ne $version) { $p.Version = $version }
            # GTO's defaults, spelt out as Set-GtoStage asks: HEAD when neither a ref nor a version is given, and
            # creating the artifact when it is unknown (docs/compatibility.md, "Pipelines, loud mistakes").
            if (-not $p.Contains('Ref') -and -not $p.Contains('Version')) { $p.Ref = 'HEAD' }
            $p.New = $true
            if ($switches['SkipRegistration']) { $p.SkipRegistration = $true }
        }
        'deprecate' {
            $p.Name = $positional[0]
            switch ($positional.Count) {
                3 { $call.Command = 'Remove-GtoStage'; $p.Version = $positional[1]; $p.Stage = $positional[2] }
                2 { $call.Command = 'Unregister-GtoVersion'; $p.Version = $positional[1] }
                1 { $call.Command = 'Disable-GtoArtifact'; if ($options.ContainsKey('--ref')) { $p.Ref = $options['--ref'] } }
                default { $call.Unsupported = "deprecate with $($positional.Count) positional arguments: $($ArgumentList -join ' ')"; return }
            }
            if ($switches['Delete']) { $p.Delete = $true }
        }
    }
    $message = if ($options.ContainsKey('--message')) { $options['--message'] } elseif ($options.ContainsKey('-m')) { $options['-m'] } else { $null }
    if ($null -ne $message) { $p.Message = $message }
    if ($switches['Force']) { $p.Force = $true }
    if ($switches['Push']) { $p.Push = $true }
    if ($options.ContainsKey('--simple')) {
        switch ($options['--simple']) {
            'true' { $p.Simple = $true }
            'false' { $p.Simple = $false }
            'auto' { }
            default { $call.Unsupported = "--simple $($options['--simple']) is a CLI usage error" }
        }
    }
}

<#
.SYNOPSIS
    Replaces the placeholders of a recorded command line ({REPO}, {NONREPO}, {MISSING_PATH},
    {ORIGIN}, {ORIGIN_URL}) in $Text by the paths of a scenario's workspace (New-GoldenWorkspace).
#>
function Resolve-GtoPlaceholder {
    param([AllowNull()][string] $Text, [Parameter(Mandatory)] $Workspace)
    if ($null -eq $Text) { return $null }
    $origin = if ($Workspace.Origin) { $Workspace.Origin } else { '{ORIGIN}' }
    $Text.Replace('{ORIGIN_URL}', 'file://' + ($origin -replace '\\', '/')).Replace('{ORIGIN}', $origin).
    Replace('{MISSING_PATH}', $Workspace.MissingPath).Replace('{NONREPO}', $Workspace.NonRepo).Replace('{REPO}', $Workspace.Repo)
}

Export-ModuleMember -Function ConvertTo-GtoCall, Resolve-GtoPlaceholder
