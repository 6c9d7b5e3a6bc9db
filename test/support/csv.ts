/**
A strict RFC 4180 reader for the `--csv` tests, written here so that it shares nothing with
the writer: fields split by commas, records ended by CRLF (the last one too), a quoted field
may hold commas, CR, LF and doubled quotes. Anything else throws: a bare CR or LF outside
quotes, a quote inside an unquoted field, text after a closing quote, a missing final CRLF,
or a record whose field count differs from the header's.
*/

function quotedField(text: string, start: number): {field: string; end: number} {
	let field = '';
	let index = start + 1;
	for (;;) {
		const quote = text.indexOf('"', index);
		if (quote < 0) {
			throw new Error(`unterminated quoted field at ${start}`);
		}

		field += text.slice(index, quote);
		if (text[quote + 1] === '"') {
			field += '"';
			index = quote + 2;
			continue;
		}

		return {field, end: quote + 1};
	}
}

function plainField(text: string, start: number): {field: string; end: number} {
	const pattern = /[^,\r\n"]*/y;
	pattern.lastIndex = start;
	const field = pattern.exec(text)![0];
	const end = start + field.length;
	if (text[end] === '"') {
		throw new Error(`quote inside an unquoted field at ${end}`);
	}

	return {field, end};
}

/** The records of `text`, the header first. */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let index = 0;
	while (index < text.length) {
		const record: string[] = [];
		for (;;) {
			const {field, end} = text[index] === '"' ? quotedField(text, index) : plainField(text, index);
			record.push(field);
			if (text[end] === ',') {
				index = end + 1;
				continue;
			}

			if (text.startsWith('\r\n', end)) {
				index = end + 2;
				break;
			}

			throw new Error(`expected , or CRLF at ${end}, found ${JSON.stringify(text.slice(end, end + 10))}`);
		}

		if (records.length > 0 && record.length !== records[0]!.length) {
			throw new Error(`record ${records.length} has ${record.length} fields, the header ${records[0]!.length}`);
		}

		records.push(record);
	}

	return records;
}

/** The records as objects keyed by the header's names. */
export function csvObjects(text: string): Array<Record<string, string>> {
	const [header = [], ...rows] = parseCsv(text);
	return rows.map(row => Object.fromEntries(header.map((name, column) => [name, row[column]!])));
}
