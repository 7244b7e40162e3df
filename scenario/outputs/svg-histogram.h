/*
 * A histogram of one sample (e.g. handshake times in ms) drawn as inline SVG for report.html: bins
 * computed here in one pass over the values, so the SVG holds at most MAX_BINS bars however many
 * values there are. Bins have a round width, or, when the values span a factor of 20 or more (round
 * trips next to retransmission timeouts), equal widths on a log-scaled axis.
 */
#ifndef HANDSHAKE_SVG_HISTOGRAM_H
#define HANDSHAKE_SVG_HISTOGRAM_H

#include "ns3/percentiles.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ns3
{

class SvgHistogram
{
  public:
    /** [from, to): values in it. */
    struct Bin
    {
        double from;
        double to;
        size_t count;
    };

    /** Upper bound on the bars drawn (the overflow bar not counted). */
    static constexpr size_t MAX_BINS = 40;
    /** Width of an axis label's character, and the least space between two labels (px). */
    static constexpr double LABEL_CHAR_WIDTH = 7;
    static constexpr double LABEL_GAP = 6;

    /**
     * Bins \p values (not empty). \p percentiles are theirs (Percentiles::Of). On a linear axis,
     * when the largest value is far beyond p99, the bins stop at p99 and the rest is one overflow
     * bar, so that a few outliers do not squeeze every other value into the first bar.
     */
    SvgHistogram(const std::vector<double>& values, const Percentiles& percentiles);

    const std::vector<Bin>& Bins() const;
    /** Values above the last bin (0 unless the bins stop at p99). */
    size_t Overflow() const;
    /** True when the bins are equal on a log-scaled axis. */
    bool LogScale() const;
    /** The largest value. */
    double Max() const;

    /**
     * The histogram as an <svg> element with axes, tick labels, the axis titles "\p quantity
     * (\p unit)" and \p yLabel (plain text: escaped here) and dashed lines at p50/p90/p99.
     */
    std::string Svg(const std::string& quantity, const std::string& unit, const std::string& yLabel) const;

  private:
    void LinearBins(const std::vector<double>& values);
    void LogBins(const std::vector<double>& values);
    /** 1, 2 or 5 times a power of ten, at least \p step. */
    static double RoundStep(double step);
    /** \p value with as many decimals as \p step needs. */
    static std::string Label(double value, double step);
    /** The x axis' tick values. */
    std::vector<double> Ticks() const;
    /** Ticks() without those whose labels would overlap a kept one (log axes). */
    std::vector<double> VisibleTicks() const;
    /** \p value as bins and ticks print it. */
    std::string Text(double value) const;
    /** Where \p value is drawn: the bins take the plot's width, less a slot for the overflow bar. */
    double X(double value) const;
    void AxisX(std::ostream& os) const;
    void AxisY(std::ostream& os, size_t top) const;

    std::vector<Bin> m_bins;
    size_t m_overflow{0};
    double m_min;
    double m_max;
    double m_width{0}; //!< of a bin, on a linear axis
    bool m_log{false};
    Percentiles m_percentiles;
};

} // namespace ns3

#endif // HANDSHAKE_SVG_HISTOGRAM_H
