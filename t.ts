import ExcelJS from 'exceljs';
for (const f of ['../shared/data/real/hlv-dalarna/HLV_Dalarna_2014_2018_2021.xlsx', '../shared/data/real/fohm-covid19/Folkhalsomyndigheten_Covid19.xlsx']) {
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(f);
  for (const ws of wb.worksheets) console.log(ws.name, ws.rowCount, JSON.stringify(ws.getRow(1).values), JSON.stringify(ws.getRow(2).values));
}
