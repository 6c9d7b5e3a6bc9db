/**
Claude Code parser (agent id `claude`). See parsers/FORMATS.md §1 and readme.md "Claude Code".
*/
import type {AgentParser} from '../types.js';
import {claudeRoots, discoverClaude} from './discover.js';
import {parseClaudeFile} from './parse.js';

export const claudeParser: AgentParser = {
	id: 'claude',
	roots: claudeRoots,
	discover: discoverClaude,
	parse: parseClaudeFile,
};
