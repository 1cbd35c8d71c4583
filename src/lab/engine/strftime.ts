/** A small strftime for device clocks (always UTC, as lab devices run). */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2, fill = '0'): string {
  return String(n).padStart(width, fill);
}

export function strftime(date: Date, format: string): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
    switch (code) {
      case 'a':
        return DAYS[date.getUTCDay()] as string;
      case 'b':
        return MONTHS[date.getUTCMonth()] as string;
      case 'd':
        return pad(date.getUTCDate());
      case 'e':
        return pad(date.getUTCDate(), 2, ' ');
      case 'H':
        return pad(date.getUTCHours());
      case 'M':
        return pad(date.getUTCMinutes());
      case 'S':
        return pad(date.getUTCSeconds());
      case 'L':
        return pad(date.getUTCMilliseconds(), 3);
      case 'Y':
        return String(date.getUTCFullYear());
      case 'y':
        return pad(date.getUTCFullYear() % 100);
      case 'm':
        return pad(date.getUTCMonth() + 1);
      case 'Z':
        return 'UTC';
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}
