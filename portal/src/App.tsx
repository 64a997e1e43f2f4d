import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { HomePage } from './home/HomePage';
import { I18nProvider, useI18n } from './i18n/i18n';
import { Layout } from './layout/Layout';
import { SettingsProvider } from './layout/settings';

/*
 * Pages load when first opened: the home page comes with the first download, and the map library
 * only with the pages that draw a map, so a phone on a slow network starts quickly.
 */
const AnnouncementsPage = lazy(() =>
  import('./announcements/AnnouncementsPage').then((m) => ({ default: m.AnnouncementsPage })),
);
const BookVisitPage = lazy(() =>
  import('./bookings/BookVisitPage').then((m) => ({ default: m.BookVisitPage })),
);
const ManageBookingPage = lazy(() =>
  import('./bookings/ManageBookingPage').then((m) => ({ default: m.ManageBookingPage })),
);
const ArticlePage = lazy(() => import('./knowledge/ArticlePage').then((m) => ({ default: m.ArticlePage })));
const AskQuestionPage = lazy(() =>
  import('./knowledge/AskQuestionPage').then((m) => ({ default: m.AskQuestionPage })),
);
const KnowledgePage = lazy(() =>
  import('./knowledge/KnowledgePage').then((m) => ({ default: m.KnowledgePage })),
);
const PublicReportPage = lazy(() =>
  import('./map/PublicReportPage').then((m) => ({ default: m.PublicReportPage })),
);
const ReportsMapPage = lazy(() =>
  import('./map/ReportsMapPage').then((m) => ({ default: m.ReportsMapPage })),
);
const OpenDataPage = lazy(() =>
  import('./open-data/OpenDataPage').then((m) => ({ default: m.OpenDataPage })),
);
const ReportPage = lazy(() => import('./report/ReportPage').then((m) => ({ default: m.ReportPage })));
const CaseStatusPage = lazy(() =>
  import('./track/CaseStatusPage').then((m) => ({ default: m.CaseStatusPage })),
);
const TrackPage = lazy(() => import('./track/TrackPage').then((m) => ({ default: m.TrackPage })));

function NotFound() {
  const { t } = useI18n();
  return <h1>{t('common.errors.notFound')}</h1>;
}

/** Routes of the portal; the API serves index.html for every path under /portal/. */
export function App() {
  return (
    <I18nProvider>
      <SettingsProvider>
        <BrowserRouter basename="/portal">
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="report" element={<ReportPage />} />
              <Route path="track" element={<TrackPage />} />
              <Route path="track/:number" element={<CaseStatusPage />} />
              <Route path="map" element={<ReportsMapPage />} />
              <Route path="reports/:number" element={<PublicReportPage />} />
              <Route path="help" element={<KnowledgePage />} />
              <Route path="help/ask" element={<AskQuestionPage />} />
              <Route path="help/:slug" element={<ArticlePage />} />
              <Route path="book" element={<BookVisitPage />} />
              <Route path="book/manage" element={<ManageBookingPage />} />
              <Route path="announcements" element={<AnnouncementsPage />} />
              <Route path="open-data" element={<OpenDataPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SettingsProvider>
    </I18nProvider>
  );
}
