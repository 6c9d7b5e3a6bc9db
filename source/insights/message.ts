/**
Insight messages in parts: the rule's own words, and the user text it quotes (prompt
previews) as separate parts. A reader that must leave prompts out (the `--no-prompts`
export) drops the quote parts; it never has to find user text in finished text, which
fails as soon as a prompt contains a quotation mark itself.
*/

/** User text (a prompt preview) quoted in a message. */
export type Quote = {readonly quote: string};
export type MessagePart = string | Quote;
export type Message = readonly MessagePart[];

export const quote = (text: string): Quote => ({quote: text});

/** The message as one text: each quote in double quotation marks, or `"…"` without prompts. */
export function messageText(message: Message, options: {readonly prompts?: boolean} = {}): string {
	const prompts = options.prompts ?? true;
	return message.map(part => (typeof part === 'string' ? part : `"${prompts ? part.quote : '…'}"`)).join('');
}

/** The user text a message quotes, in order. */
export function quotesOf(message: Message): string[] {
	return message.flatMap(part => (typeof part === 'string' ? [] : [part.quote]));
}
