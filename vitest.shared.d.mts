export function reporters(name: string): (string | [string, { outputFile: string }])[];
