using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CandidatesSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_ListCandidates",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ListCandidates",
                table: "Customers",
                columns: new[] { "Id", "BranchId", "Status", "Grade", "RegionKey", "Route", "OwnerId", "Category", "Kind", "Name", "Code", "EntryDate", "RegisteredAt", "Region", "SearchText" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_ListCandidates",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ListCandidates",
                table: "Customers",
                columns: new[] { "Id", "BranchId", "Status", "Grade", "RegionKey", "Route", "OwnerId", "Category", "Kind", "Name", "Code", "EntryDate", "RegisteredAt", "Region" },
                unique: true);
        }
    }
}
