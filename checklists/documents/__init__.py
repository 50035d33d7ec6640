"""The official documents of one inspection as DOCX (minutes, report, conclusion notice), laid
out per Decree 30/2020/NĐ-CP or HD 36-HD/VPTW: the only part of `checklists` that uses docx."""
