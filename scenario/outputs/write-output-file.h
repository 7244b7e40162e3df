/*
 * Every output is written as "<path>.partial" and renamed to <path> when complete, so that a run
 * that fails midway leaves no file that looks complete (shared/DESIGN.md, "Outputs"): summary.txt,
 * report.html, handshake-emu's files. results.sqlite does the same in ResultsDatabase.
 */
#ifndef HANDSHAKE_WRITE_OUTPUT_FILE_H
#define HANDSHAKE_WRITE_OUTPUT_FILE_H

#include <string>

namespace ns3
{

/** Writes \p text to "<path>.partial", then renames it to \p path. Returns an error text (and
 *  leaves no .partial behind), empty on success. */
std::string WriteOutputFile(const std::string& path, const std::string& text);

} // namespace ns3

#endif // HANDSHAKE_WRITE_OUTPUT_FILE_H
