#Requires -Version 7.2
<#
.SYNOPSIS
    Deep comparison of a JSON value GTO printed with ours (in GTO's shape, GoldenShape.psm1),
    reporting the path of each difference.

.DESCRIPTION
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

Export-ModuleMember -Function Compare-GoldenValue, Format-GoldenValue
