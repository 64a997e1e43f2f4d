import 'leaflet/dist/leaflet.css';
import { divIcon } from 'leaflet';
import { MapContainer, Marker, TileLayer } from 'react-leaflet';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useBackOfficeSettings } from './useBackOfficeSettings';

interface Located {
  number: string;
  district: string | null;
  location: { lat: number | null; lon: number | null; street: string | null; building: string | null };
}

/**
 * The pin is inline SVG rather than Leaflet's default PNG marker: that one is looked up through
 * a CSS path a bundler breaks, and this one needs nothing from the network.
 */
const pin = divIcon({
  className: 'civicflow-case-pin',
  html:
    '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="40" viewBox="0 0 28 40" aria-hidden="true">' +
    '<path d="M14 0C6.3 0 0 6.3 0 14c0 10.5 14 26 14 26s14-15.5 14-26C28 6.3 21.7 0 14 0z" fill="#d32f2f"/>' +
    '<circle cx="14" cy="14" r="5.5" fill="#fff"/></svg>',
  iconSize: [28, 40],
  iconAnchor: [14, 40],
});

export const addressOf = (record: Located): string =>
  [[record.location.street, record.location.building].filter(Boolean).join(' '), record.district]
    .filter(Boolean)
    .join(', ');

/**
 * Where the case is: a map with a pin when the case has coordinates, else the address as the
 * resident gave it. The coordinates are printed under the map, so they are there even when
 * the tile server cannot be reached.
 */
export const CaseMap = ({ record }: { record: Located }) => {
  const translate = useTranslate();
  const settings = useBackOfficeSettings();
  const { lat, lon } = record.location;
  const address = addressOf(record);
  if (lat === null || lon === null) {
    return (
      <Box data-testid="case-address">
        <Typography variant="body2">{address || translate('civicflow.case.no_location')}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate('civicflow.case.no_position')}
        </Typography>
      </Box>
    );
  }
  return (
    <Box data-testid="case-map">
      <Box sx={{ height: 280, borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider' }}>
        <MapContainer
          key={`${lat},${lon}`}
          center={[lat, lon]}
          zoom={16}
          scrollWheelZoom={false}
          style={{ height: '100%', width: '100%' }}
        >
          {settings && (
            <TileLayer url={settings.mapTileUrl} attribution={settings.mapAttribution ?? undefined} />
          )}
          <Marker position={[lat, lon]} icon={pin} title={record.number} alt={record.number} />
        </MapContainer>
      </Box>
      <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="case-coordinates">
        {lat.toFixed(5)}, {lon.toFixed(5)}
        {address ? ` · ${address}` : ''}
      </Typography>
    </Box>
  );
};
