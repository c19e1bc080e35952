/**
 * Script text to AST. {@link org.dmasim.interpreter.parse.ScriptParser} is the only entry point: it returns
 * the {@link org.dmasim.interpreter.ast.Program} and every syntax error as a
 * {@link org.dmasim.interpreter.diag.Diagnostic}; no ANTLR type leaves this package.
 */
package org.dmasim.interpreter.parse;
