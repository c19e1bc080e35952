/**
 * Messages about a script: {@link org.dmasim.interpreter.diag.Diagnostic} (syntax and semantic errors,
 * engine reports), rendered with file:line:col and a caret by
 * {@link org.dmasim.interpreter.diag.DiagnosticRenderer} against a {@link org.dmasim.interpreter.diag.SourceFile}.
 */
package org.dmasim.interpreter.diag;
