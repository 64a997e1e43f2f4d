import { BrowserRouter, Route, Routes } from 'react-router';
import { AnnouncementsPage } from './announcements/AnnouncementsPage';
import { BookVisitPage } from './bookings/BookVisitPage';
import { ManageBookingPage } from './bookings/ManageBookingPage';
import { HomePage } from './home/HomePage';
import { I18nProvider, useI18n } from './i18n/i18n';
import { ArticlePage } from './knowledge/ArticlePage';
import { AskQuestionPage } from './knowledge/AskQuestionPage';
import { KnowledgePage } from './knowledge/KnowledgePage';
import { Layout } from './layout/Layout';
import { SettingsProvider } from './layout/settings';
import { PublicReportPage } from './map/PublicReportPage';
import { ReportsMapPage } from './map/ReportsMapPage';
import { OpenDataPage } from './open-data/OpenDataPage';
import { ReportPage } from './report/ReportPage';
import { CaseStatusPage } from './track/CaseStatusPage';
import { TrackPage } from './track/TrackPage';

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
