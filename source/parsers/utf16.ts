/**
UTF-16 text files (a transcript saved by a Windows editor, or PowerShell 5's `>` redirection)
converted to UTF-8 while streaming, so the line reader and the parsers' byte markers see the
same bytes as for the UTF-8 original. Recognised by the byte order mark, which both writers
put first; without one, UTF-16 cannot be told from binary and the file reads as before.
*/

export type Utf16Order = 'le' | 'be';

/** The byte order a leading UTF-16 byte order mark announces; undefined for anything else. */
export function utf16Order(head: Buffer): Utf16Order | undefined {
	if (head[0] === 0xff && head[1] === 0xfe) {
		return 'le';
	}

	return head[0] === 0xfe && head[1] === 0xff ? 'be' : undefined;
}

/**
Converts UTF-16 chunks (byte order mark removed) to UTF-8, chunk by chunk. A code unit or a
surrogate pair split across chunks is carried over; an unpaired surrogate becomes U+FFFD, as
in any decoder.
*/
export class Utf16ToUtf8 {
	// Node's TextDecoder knows UTF-16LE in every build (BE needs full ICU), so BE is byte-swapped.
	private readonly decoder = new TextDecoder('utf-16le');
	private carry: Buffer | undefined;

	constructor(private readonly order: Utf16Order) {}

	push(chunk: Buffer): Buffer {
		let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
		this.carry = undefined;
		if (this.order === 'be') {
			const even = bytes.length - (bytes.length % 2);
			this.carry = even < bytes.length ? Buffer.from(bytes.subarray(even)) : undefined;
			// A copy: the swap must not write into a buffer the stream may reuse.
			bytes = Buffer.from(bytes.subarray(0, even)).swap16();
		}

		return Buffer.from(this.decoder.decode(bytes, {stream: true}), 'utf8');
	}

	/** What is left at the end of the stream (a dangling half character, as U+FFFD). */
	end(): Buffer {
		return Buffer.from(this.decoder.decode(this.carry), 'utf8');
	}
}
