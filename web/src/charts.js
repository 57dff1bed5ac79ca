// charts.js: Chart.js with only the pieces the dashboard uses (smaller bundle).
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.animation = false;  // charts are data, not decoration (and screenshots are stable)
Chart.defaults.maintainAspectRatio = false;

export const COLORS = {
  verbal_coop: '#6baed6', material_coop: '#2171b5', verbal_conflict: '#fc9272', material_conflict: '#cb181d',
  articles: '#636363', goldstein: '#31a354', tone: '#756bb1', bar: '#1f4e79',
};

export { Chart };

// A horizontal bar chart of [{name, count}].
export function topChart(canvas, rows, label) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: rows.map((r) => r.name), datasets: [{ label, data: rows.map((r) => r.count), backgroundColor: COLORS.bar }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
  });
}
