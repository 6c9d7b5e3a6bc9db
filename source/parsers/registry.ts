/**
The parser registry: every supported agent, in display order. Adding an agent is one folder
under source/parsers/ plus one line here.
*/
import {claudeParser} from './claude/index.js';
import {ampParser} from './amp/index.js';
import {antigravityParser} from './antigravity/index.js';
import {codebuffParser} from './codebuff/index.js';
import {codexParser} from './codex/index.js';
import {copilotParser} from './copilot/index.js';
import {droidParser} from './droid/index.js';
import {geminiParser} from './gemini/index.js';
import {grokParser} from './grok/index.js';
import {gooseParser} from './goose/index.js';
import {hermesParser} from './hermes/index.js';
import {kiloParser} from './kilo/index.js';
import {kimiParser} from './kimi/index.js';
import {openclawParser} from './openclaw/index.js';
import {opencodeParser} from './opencode/index.js';
import {piParser} from './pi/index.js';
import {qwenParser} from './qwen/index.js';
import {clineParser, kilocodeParser, rooParser} from './vscode-tasks/index.js';
import {zcodeParser} from './zcode/index.js';
import type {AgentParser} from './types.js';

export const parsers: readonly AgentParser[] = [
	claudeParser,
	codexParser,
	geminiParser,
	opencodeParser,
	qwenParser,
	ampParser,
	kimiParser,
	piParser,
	droidParser,
	codebuffParser,
	copilotParser,
	grokParser,
	openclawParser,
	hermesParser,
	gooseParser,
	kiloParser,
	zcodeParser,
	antigravityParser,
	clineParser,
	rooParser,
	kilocodeParser,
];
